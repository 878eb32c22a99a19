import { createModel, effect, signal, type ReadonlySignal } from '@preact/signals';

const DARK = '(prefers-color-scheme: dark)';

/**
 * Whether the page is in dark mode, following a change while it is open (light where the
 * browser cannot say). `new ColourSchemeModel()`, disposed with its page.
 */
export const ColourSchemeModel = createModel(() => {
  const query = typeof matchMedia === 'function' ? matchMedia(DARK) : null;
  const dark = signal(query?.matches ?? false);
  // An effect, so the model's disposal stops following.
  effect(() => {
    if (!query) return;
    const follow = () => {
      dark.value = query.matches;
    };
    query.addEventListener('change', follow);
    return () => query.removeEventListener('change', follow);
  });
  return { dark: dark as ReadonlySignal<boolean> };
});
