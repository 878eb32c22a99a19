import { afterEach, describe, expect, it, vi } from 'vitest';
import { ColourSchemeModel } from '../../../utils/browser/colour-scheme';

/** A colour-scheme query the test can switch, as the browser does when the system's mode changes. */
function fakeQuery(matches: boolean) {
  const query = Object.assign(new EventTarget(), { matches, media: '(prefers-color-scheme: dark)' });
  vi.stubGlobal('matchMedia', () => query);
  return {
    query,
    switchTo(dark: boolean) {
      query.matches = dark;
      query.dispatchEvent(new Event('change'));
    },
  };
}

afterEach(() => vi.unstubAllGlobals());

describe('the colour scheme model', () => {
  it('starts in the page’s mode and follows a change while open', () => {
    const scheme = fakeQuery(true);
    const model = new ColourSchemeModel();
    expect(model.dark.value).toBe(true);
    scheme.switchTo(false);
    expect(model.dark.value).toBe(false);
    scheme.switchTo(true);
    expect(model.dark.value).toBe(true);
    model[Symbol.dispose]();
  });

  it('stops following once disposed', () => {
    const scheme = fakeQuery(false);
    const model = new ColourSchemeModel();
    model[Symbol.dispose]();
    scheme.switchTo(true);
    expect(model.dark.value).toBe(false);
  });

  it('is light where the browser cannot say', () => {
    vi.stubGlobal('matchMedia', undefined);
    const model = new ColourSchemeModel();
    expect(model.dark.value).toBe(false);
    model[Symbol.dispose]();
  });
});
