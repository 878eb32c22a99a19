import { signal, type ReadonlySignal } from '@preact/signals';
import { browser } from '#imports';
import { captureErrors, type ErrorCapture } from './capture';
import { recordError } from './log';
import { toLogEntry, type ErrorReport } from './report';

/** An extension page's unexpected errors: the latest one to show, each one kept in the local log. */
export interface PageErrors {
  current: ReadonlySignal<ErrorReport | null>;
  report(error: unknown): void;
  dismiss(): void;
  stop(): void;
}

export function startPageErrors(page: string, target: Window = window): PageErrors {
  const current = signal<ErrorReport | null>(null);
  const capture = capturePageErrors(page, target, (report) => (current.value = report));
  return { current, report: capture.report, dismiss: () => (current.value = null), stop: capture.stop };
}

/**
 * Only keeps the errors in the log: for the background (no page to show them on) and the
 * widget's preview (which shows them itself).
 */
export function logPageErrors(page: string, target: EventTarget = globalThis): ErrorCapture {
  return capturePageErrors(page, target, () => {});
}

function capturePageErrors(page: string, target: EventTarget, show: (report: ErrorReport) => void): ErrorCapture {
  const context = {
    page,
    version: browser.runtime.getManifest().version,
    base: browser.runtime.getURL('/'),
    userAgent: navigator.userAgent,
  };
  return captureErrors(target, context, (report) => {
    show(report);
    // Storage failing as well must not raise one more error to report.
    recordError(toLogEntry(report)).catch((error: unknown) => console.warn('Error log not written', error));
  });
}
