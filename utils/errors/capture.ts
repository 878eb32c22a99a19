import { describeError, type ErrorReport, type ReportContext } from './report';

export interface ErrorCapture {
  /** Reports an error caught elsewhere (an error boundary) as if it had reached the window. */
  report(error: unknown): void;
  stop(): void;
}

// Chrome's notice that a ResizeObserver skipped a frame: harmless, and not ours.
const BENIGN = /^ResizeObserver loop/;

/**
 * Turns every error that reaches the window (thrown, or a promise rejected with nobody
 * waiting) into a scrubbed report. The browser still logs it to the console as before.
 */
export function captureErrors(
  target: Window,
  context: Omit<ReportContext, 'now'>,
  onReport: (report: ErrorReport) => void,
): ErrorCapture {
  const report = (error: unknown) => onReport(describeError(error, { ...context, now: Date.now() }));
  const onError = (event: ErrorEvent) => {
    if (event.error == null && BENIGN.test(event.message)) return;
    report(event.error ?? event.message);
  };
  const onRejection = (event: PromiseRejectionEvent) => report(event.reason);
  target.addEventListener('error', onError);
  target.addEventListener('unhandledrejection', onRejection);
  return {
    report,
    stop() {
      target.removeEventListener('error', onError);
      target.removeEventListener('unhandledrejection', onRejection);
    },
  };
}
