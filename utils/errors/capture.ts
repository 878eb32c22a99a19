import { describeError, type ErrorReport, type ReportContext } from './report';

export interface ErrorCapture {
  /** Reports an error caught elsewhere (an error boundary) as if it had reached the window. */
  report(error: unknown): void;
  stop(): void;
}

// Chrome's notice that a ResizeObserver skipped a frame: harmless, and not ours.
const BENIGN = /^ResizeObserver loop/;

/**
 * Turns every error that reaches the global scope (a page's window, the background's worker),
 * thrown or a promise rejected with nobody waiting, into a scrubbed report. The browser still logs it to the console as before.
 */
export function captureErrors(
  target: EventTarget,
  context: Omit<ReportContext, 'now'>,
  onReport: (report: ErrorReport) => void,
): ErrorCapture {
  const report = (error: unknown) => onReport(describeError(error, { ...context, now: Date.now() }));
  const onError = (event: ErrorEvent) => {
    if (event.error == null && BENIGN.test(event.message)) return;
    report(event.error ?? event.message);
  };
  const onRejection = (event: PromiseRejectionEvent) => report(event.reason);
  // A window and a service worker's global both send these two, typed as their own events.
  const listeners = [
    ['error', onError as EventListener],
    ['unhandledrejection', onRejection as EventListener],
  ] as const;
  for (const [type, listener] of listeners) target.addEventListener(type, listener);
  return {
    report,
    stop() {
      for (const [type, listener] of listeners) target.removeEventListener(type, listener);
    },
  };
}
