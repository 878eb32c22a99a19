import { browser } from '#imports';
import { captureErrors, type ErrorCapture } from './capture';
import { recordError } from './log';
import { toLogEntry, type ErrorReport } from './report';
import { EXTENSION_MESSAGES } from './safe-messages';

/**
 * An extension page's or worker's unexpected errors, each kept in the local log. No Preact here:
 * the background's worker imports this, and signals would bring Preact with them.
 */
export function capturePageErrors(
  page: string,
  target: EventTarget,
  show: (report: ErrorReport) => void,
): ErrorCapture {
  const context = {
    page,
    version: browser.runtime.getManifest().version,
    base: browser.runtime.getURL('/'),
    userAgent: navigator.userAgent,
    known: EXTENSION_MESSAGES,
  };
  return captureErrors(target, context, (report) => {
    show(report);
    // Storage failing as well must not raise one more error to report.
    recordError(toLogEntry(report)).catch((error: unknown) => console.warn('Error log not written', error));
  });
}

/**
 * Only keeps the errors in the log: for the background (no page to show them on) and the
 * widget's preview (which shows them itself).
 */
export function logPageErrors(page: string, target: EventTarget = globalThis): ErrorCapture {
  return capturePageErrors(page, target, () => {});
}
