import type { ComponentChildren, FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../utils/i18n/messages';

/**
 * A component whose code loads the first time it is shown. The pulse screens carry the
 * cryptography and the results; the panel's first render (the call, the meeting form) needs
 * neither, so they stay out of the panel's start-up script.
 */
function loadOnFirstUse<P extends object>(
  load: () => Promise<FunctionComponent<P>>,
  placeholder: () => ComponentChildren,
): FunctionComponent<P> {
  let loaded: FunctionComponent<P> | undefined;
  return function OnFirstUse(props: P) {
    const [Component, setComponent] = useState<FunctionComponent<P> | undefined>(() => loaded);
    useEffect(() => {
      if (Component) return;
      let current = true;
      void load().then((component) => {
        loaded = component;
        if (current) setComponent(() => component);
      });
      return () => {
        current = false;
      };
    }, [Component]);
    return Component ? <Component {...props} /> : <>{placeholder()}</>;
  };
}

export const LazyPulsesView = loadOnFirstUse(
  () => import('./PulsesView').then((m) => m.PulsesView),
  () => <p>{t('loading')}</p>,
);

export const LazyChatCodesOffer = loadOnFirstUse(
  () => import('./ChatCodesOffer').then((m) => m.ChatCodesOffer),
  () => null,
);

/** The paste box on the dashboard: the code that opens response codes loads once the page is up. */
export const LazyPasteCodes = loadOnFirstUse(
  () => import('./PasteCodes').then((m) => m.PasteCodes),
  () => <p>{t('loading')}</p>,
);
