import { useEffect, useState } from 'preact/hooks';
import { t } from '../../utils/i18n/messages';

type BlockedState = 'blocked' | 'blocking' | null;

/** Says plainly when another tab holds an older database version, instead of hanging. */
export function DbBlockedBanner(props: { subscribe: (listener: (state: BlockedState) => void) => () => void }) {
  const [state, setState] = useState<BlockedState>(null);
  useEffect(() => props.subscribe(setState), [props]);
  if (!state) return null;
  return (
    <p class="banner" role="alert">
      {state === 'blocked' ? t('dbBlocked') : t('dbBlocking')}
      {state === 'blocking' && (
        <button type="button" onClick={() => location.reload()}>
          {t('reload')}
        </button>
      )}
    </p>
  );
}
