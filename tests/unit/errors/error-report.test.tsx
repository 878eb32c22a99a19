import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from '#imports';
import { ErrorBoundary, ErrorReport } from '../../../components/shared/ErrorReport';
import { readErrorLog } from '../../../utils/errors/log';
import { startPageErrors, type PageErrors } from '../../../utils/errors/page';
import en from '../../../public/_locales/en/messages.json';

/** Waits for what must happen: rendering and the clipboard's answer can run late on a loaded machine. */
const until = (check: () => void) => vi.waitFor(check, { timeout: 20_000, interval: 10 });
let errors: PageErrors | undefined;

function setUp(): { errors: PageErrors; host: HTMLElement } {
  vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({ manifest_version: 3, name: 'PP', version: '0.1.0' });
  errors = startPageErrors('sidepanel');
  const host = document.createElement('div');
  document.body.replaceChildren(host);
  return { errors, host };
}

afterEach(() => {
  errors?.stop();
  vi.restoreAllMocks();
});

function Broken(): never {
  throw new TypeError('Cannot render partnership "Leeds Food Network"');
}

describe('the error boundary around a page', { timeout: 30_000 }, () => {
  it('reports what a component throws while rendering, and leaves the page blank below the notice', async () => {
    const { errors, host } = setUp();
    render(
      <>
        <ErrorReport errors={errors} />
        <ErrorBoundary onError={errors.report}>
          <p>before</p>
          <Broken />
        </ErrorBoundary>
      </>,
      host,
    );
    await until(() => expect(errors.current.value).toMatchObject({ type: 'TypeError' }));
    expect(errors.current.value).toMatchObject({ type: 'TypeError', message: '', withheld: true });
    expect(host.textContent).not.toContain('before');
    expect(host.querySelector('[role="alert"]')?.textContent).toContain(en.errorReport_notice.message);
    await vi.waitFor(async () => expect((await readErrorLog()).map((e) => e.message)).toEqual(['TypeError']));
  });
});

describe('the error notice', { timeout: 30_000 }, () => {
  it('copies the details, says so, and goes when dismissed', async () => {
    const { errors, host } = setUp();
    const writeText = vi.fn((_: string) => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    render(<ErrorReport errors={errors} />, host);
    expect(host.innerHTML).toBe('');

    errors.report(new Error('boom'));
    const button = (name: string) =>
      [...host.querySelectorAll('button')].find((b) => b.textContent === name) as HTMLButtonElement;
    await until(() => expect(button(en.errorReport_copy.message)).toBeDefined());
    button(en.errorReport_copy.message).click();
    await until(() => expect(host.querySelector('[role="status"]')?.textContent).toBe(en.errorReport_copied.message));
    expect(writeText).toHaveBeenCalledOnce();
    expect(writeText.mock.calls[0]![0]).toMatch(
      /^Partnership Pulse error report\nError: Error\nMessage: \(withheld: it may hold personal text\)\nPage: sidepanel\n/,
    );
    expect(host.querySelector('[role="status"]')?.textContent).toBe(en.errorReport_copied.message);

    button(en.errorReport_dismiss.message).click();
    await until(() => expect(host.querySelector('[role="alert"]')).toBeNull());
  });

  it('says when the details could not be copied', async () => {
    const { errors, host } = setUp();
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) },
      configurable: true,
    });
    render(<ErrorReport errors={errors} />, host);
    errors.report(new Error('boom'));
    await until(() => expect(host.querySelector('button')).not.toBeNull());
    host.querySelector('button')!.click();
    await until(() =>
      expect(host.querySelector('[role="status"]')?.textContent).toBe(en.errorReport_copyFailed.message),
    );
  });
});
