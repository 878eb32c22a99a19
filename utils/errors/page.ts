import { signal, type ReadonlySignal } from '@preact/signals';
import { browser } from 'wxt/browser';
import { captureErrors } from './capture';
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
  const capture = captureErrors(
    target,
    {
      page,
      version: browser.runtime.getManifest().version,
      base: browser.runtime.getURL('/'),
      userAgent: target.navigator.userAgent,
    },
    (report) => {
      current.value = report;
      // Storage failing as well must not raise one more error to report.
      recordError(toLogEntry(report)).catch((error: unknown) => console.warn('Error log not written', error));
    },
  );
  return { current, report: capture.report, dismiss: () => (current.value = null), stop: capture.stop };
}
