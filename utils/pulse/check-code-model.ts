import { computed, createModel, effect, signal } from '@preact/signals';
import { checkCode } from './check-code';
import { readonly } from '../models/readonly';

/**
 * One pulse key's check code for the panel: '' while it is worked out (or with no key), then
 * the code; `failed` when the key is not a P-256 point (nothing to read out, so nothing shown).
 * `new CheckCodeModel(publicKey)`, disposed with its component: an answer arriving after that is dropped.
 */
export const CheckCodeModel = createModel((publicKey: JsonWebKey | undefined) => {
  const code = signal('');
  const failed = signal(false);
  effect(() => {
    if (!publicKey) return;
    let live = true;
    checkCode(publicKey).then(
      (value) => {
        if (live) code.value = value;
      },
      () => {
        if (live) failed.value = true;
      },
    );
    return () => {
      live = false;
    };
  });
  return {
    code: readonly(code),
    failed: readonly(failed),
    /** Being worked out: a key was given and neither its code nor a failure has come back. */
    pending: computed(() => !!publicKey && code.value === '' && !failed.value),
  };
});

export type CheckCodeModel = InstanceType<typeof CheckCodeModel>;

/** What names a key for its check code: the point's coordinates (a fresh copy of the same key is the same key). */
export function checkCodeKey(publicKey: JsonWebKey | undefined): string {
  return publicKey ? `${publicKey.x ?? ''}.${publicKey.y ?? ''}` : '';
}
