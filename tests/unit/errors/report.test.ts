import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from '#imports';
import { captureErrors } from '../../../utils/errors/capture';
import { readErrorLog } from '../../../utils/errors/log';
import { startPageErrors } from '../../../utils/errors/page';
import { describeError, reportText, toLogEntry, type ReportContext } from '../../../utils/errors/report';
import { EXTENSION_MESSAGES, WIDGET_MESSAGES } from '../../../utils/errors/safe-messages';

const BASE = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/';
const FIREFOX_UA = 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0';
const context: ReportContext = {
  page: 'dashboard',
  version: '0.1.0',
  base: BASE,
  userAgent: FIREFOX_UA,
  now: 1_764_000_000_000,
  known: EXTENSION_MESSAGES,
};

function errorWithStack(message: string): TypeError {
  const error = new TypeError(message);
  error.stack = `TypeError: ${message}\n    at draw (${BASE}chunks/dashboard.js:1:2)`;
  return error;
}

describe('a report', () => {
  it('keeps the type, page, version, browser, time and relative stack, and drops a message of unknown shape', () => {
    expect(describeError(errorWithStack('No organisation "Age UK" for sam@x.example'), context)).toEqual({
      type: 'TypeError',
      message: '',
      withheld: true,
      page: 'dashboard',
      version: '0.1.0',
      browser: 'Firefox 140',
      at: 1_764_000_000_000,
      stack: 'at draw (/chunks/dashboard.js:1:2)',
    });
  });

  it('of a DOMException keeps its name, and a browser message of a known shape', () => {
    const report = describeError(new DOMException('The quota has been exceeded.', 'QuotaExceededError'), context);
    expect(report).toMatchObject({ type: 'QuotaExceededError', message: 'The quota has been exceeded.' });
    expect(report.withheld).toBeUndefined();
  });

  it('keeps messages of our own shapes and known browser ones, scrubbed', () => {
    const kept = (message: string) => describeError(new TypeError(message), context).message;
    expect(kept("Cannot read properties of undefined (reading 'Sam Jones')")).toBe(
      "Cannot read properties of undefined (reading '…')",
    );
    expect(kept('No pulse 3f2a0000-0000-4000-8000-000000000001')).toBe('No pulse <id>');
    expect(kept('Question ids must be unique.')).toBe('Question ids must be unique.');
    expect(kept('Failed to fetch')).toBe('Failed to fetch');
  });

  it('in the widget keeps the shapes its own code throws and withholds the extension’s alone', () => {
    const inWidget = (message: string) =>
      describeError(new TypeError(message), { ...context, page: 'widget', known: WIDGET_MESSAGES });
    expect(inWidget('Not a varint: 98765')).toMatchObject({ message: 'Not a varint: <number>' });
    expect(inWidget('A seat token is 16 bytes')).toMatchObject({ message: 'A seat token is 16 bytes' });
    expect(inWidget("Cannot read properties of null (reading 'Sam')")).toMatchObject({
      message: "Cannot read properties of null (reading '…')",
    });
    // The widget has no database and fetches nothing: these shapes are the extension's, so a
    // message dressed as one (with anything after it) is withheld there as any unknown text is.
    for (const message of [
      'No pulse 3f2a0000-0000-4000-8000-000000000001',
      'Failed to fetch',
      'Question ids must be unique.',
    ]) {
      expect(inWidget(message)).toMatchObject({ message: '', withheld: true });
      expect(describeError(new TypeError(message), context).message).not.toBe('');
    }
    expect(EXTENSION_MESSAGES).toEqual(expect.arrayContaining([...WIDGET_MESSAGES]));
  });

  it('keeps a short code token, and no code that could be text', () => {
    const withCode = (code: unknown) => Object.assign(new Error('Failed to fetch'), { code });
    expect(describeError(withCode('ERR_NETWORK'), context).code).toBe('ERR_NETWORK');
    expect(describeError(withCode('sam jones'), context).code).toBeUndefined();
    expect(describeError(withCode(0), context).code).toBeUndefined();
    expect(describeError(withCode(22), context).code).toBe('22');
  });

  it('never lets names or e-mails in a message reach the report, in lower case or not', () => {
    for (const message of [
      'could not save sam.jones@example.org for leeds food bank',
      'failed for priya patel at age uk leeds',
      'Cannot read properties of undefined (reading x) for priya patel',
      'comment: my manager bullies us',
      'priya patel is not a function of leeds food bank',
    ]) {
      const report = describeError(errorWithStack(message), context);
      const text = `${JSON.stringify(report)}\n${reportText(report)}\n${JSON.stringify(toLogEntry(report))}`;
      for (const secret of ['sam', 'jones', 'example.org', 'priya', 'patel', 'leeds', 'food bank', 'bullies']) {
        expect(text.toLowerCase()).not.toContain(secret);
      }
      expect(report).toMatchObject({ message: '', withheld: true });
    }
  });

  it('of something thrown that is not an Error says what it was, and scrubs a string', () => {
    expect(describeError('Sam said "hello"', context)).toMatchObject({ type: 'string', message: '', withheld: true });
    expect(describeError({ secret: 'Sam' }, context)).toMatchObject({ type: 'object', message: '' });
    expect(describeError(undefined, context)).toMatchObject({ type: 'undefined', message: '' });
  });

  it('copies as plain text with every field', () => {
    const text = reportText(describeError(Object.assign(errorWithStack('Failed to fetch'), { code: 'E1' }), context));
    expect(text).toBe(
      [
        'Partnership Pulse error report',
        'Error: TypeError',
        'Code: E1',
        'Message: Failed to fetch',
        'Page: dashboard',
        'Version: 0.1.0',
        'Browser: Firefox 140',
        'Time: 2025-11-24T16:00:00.000Z',
        'Stack:',
        '  at draw (/chunks/dashboard.js:1:2)',
      ].join('\n'),
    );
  });

  it('goes into the log as the bundle’s entry: type with the message, browser with the version', () => {
    expect(toLogEntry(describeError(errorWithStack('Failed to fetch'), context))).toEqual({
      at: 1_764_000_000_000,
      page: 'dashboard',
      message: 'TypeError: Failed to fetch',
      stack: 'at draw (/chunks/dashboard.js:1:2)',
      version: '0.1.0 (Firefox 140)',
    });
  });
});

describe('capturing errors on a page', () => {
  afterEach(() => vi.restoreAllMocks());

  it('reports errors and rejections that reach the window, until stopped', () => {
    const reports: string[] = [];
    const capture = captureErrors(window, context, (report) => reports.push(`${report.type}: ${report.message}`));
    window.dispatchEvent(new ErrorEvent('error', { error: new RangeError('Not a varint: 98765'), message: 'x' }));
    const rejection = new Event('unhandledrejection') as Event & { reason: unknown };
    rejection.reason = new Error('db "pulse" closed for sam');
    window.dispatchEvent(rejection);
    window.dispatchEvent(
      new ErrorEvent('error', { message: 'ResizeObserver loop completed with undelivered notifications.' }),
    );
    capture.stop();
    window.dispatchEvent(new ErrorEvent('error', { error: new Error('after stop') }));
    expect(reports).toEqual(['RangeError: Not a varint: <number>', 'Error: ']);
  });

  it('on an extension page shows the latest and keeps each in the log', async () => {
    vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({ manifest_version: 3, name: 'PP', version: '0.2.0' });
    vi.spyOn(navigator, 'userAgent', 'get').mockReturnValue(FIREFOX_UA);
    const errors = startPageErrors('options', window);
    expect(errors.current.value).toBeNull();
    errors.report(new Error('first'));
    window.dispatchEvent(new ErrorEvent('error', { error: new TypeError('second for sam@x.example') }));
    expect(errors.current.value).toMatchObject({ type: 'TypeError', message: '', withheld: true, page: 'options' });
    await vi.waitFor(async () => expect(await readErrorLog()).toHaveLength(2));
    expect((await readErrorLog()).map(({ page, message, version }) => ({ page, message, version }))).toEqual([
      { page: 'options', message: 'Error', version: '0.2.0 (Firefox 140)' },
      { page: 'options', message: 'TypeError', version: '0.2.0 (Firefox 140)' },
    ]);
    errors.dismiss();
    expect(errors.current.value).toBeNull();
    errors.stop();
  });
});
