import { describe, expect, it, vi } from 'vitest';
import { checkCode } from '../../../utils/pulse/check-code';
import { CheckCodeModel, checkCodeKey } from '../../../utils/pulse/check-code-model';
import { generatePulseKeys } from '../../../utils/pulse/keys';

const settle = async () => {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
};
/** WebCrypto's work ran past settle() on a loaded machine: wait for what must happen. */
const until = (check: () => void) => vi.waitFor(check, { timeout: 20_000, interval: 10 });

describe('the check code’s model', { timeout: 30_000 }, () => {
  it('is pending until the code is worked out, then gives the widget’s code', async () => {
    const { publicKeyJwk } = await generatePulseKeys();
    const model = new CheckCodeModel(publicKeyJwk);
    expect(model.pending.value).toBe(true);
    expect(model.code.value).toBe('');
    await until(() => expect(model.pending.value).toBe(false));
    expect(model.code.value).toBe(await checkCode(publicKeyJwk));
    model[Symbol.dispose]();
  });

  it('shows nothing and waits for nothing without a key', () => {
    const model = new CheckCodeModel(undefined);
    expect(model.pending.value).toBe(false);
    expect(model.code.value).toBe('');
    model[Symbol.dispose]();
  });

  it('fails, showing no code, for a forged key that is no point on the curve', async () => {
    const { publicKeyJwk } = await generatePulseKeys();
    const model = new CheckCodeModel({ ...publicKeyJwk, y: 'AAAA' });
    await until(() => expect(model.failed.value).toBe(true));
    expect(model.pending.value).toBe(false);
    expect(model.code.value).toBe('');
    model[Symbol.dispose]();
  });

  it('drops a code that arrives after it is disposed', async () => {
    const { publicKeyJwk } = await generatePulseKeys();
    const model = new CheckCodeModel(publicKeyJwk);
    model[Symbol.dispose]();
    await checkCode(publicKeyJwk); // the same work the model started, done by now
    await settle();
    expect(model.code.value).toBe('');
  });

  it('names a key by its point, so a fresh copy of the same key keeps its model', async () => {
    const { publicKeyJwk } = await generatePulseKeys();
    const other = (await generatePulseKeys()).publicKeyJwk;
    expect(checkCodeKey({ ...publicKeyJwk })).toBe(checkCodeKey(publicKeyJwk));
    expect(checkCodeKey(other)).not.toBe(checkCodeKey(publicKeyJwk));
    expect(checkCodeKey(undefined)).toBe('');
  });
});
