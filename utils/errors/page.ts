import { signal, type ReadonlySignal } from '@preact/signals';
import { capturePageErrors } from './page-log';
import type { ErrorReport } from './report';

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
