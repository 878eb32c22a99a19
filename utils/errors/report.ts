import type { ErrorLogEntry } from '../your-data/bundle/format';
import { browserName, scrubMessage, scrubStack } from './scrub';

/** One unexpected error, scrubbed of personal data (utils/errors/scrub.ts): safe to copy and send. */
export interface ErrorReport {
  /** The error's class, e.g. TypeError, or what was thrown when it was not an Error. */
  type: string;
  message: string;
  /** Where it happened: sidepanel, dashboard, options, pulse, widget. */
  page: string;
  /** The extension's (or the widget's) version. */
  version: string;
  /** e.g. "Firefox 140". */
  browser: string;
  /** Epoch ms. */
  at: number;
  stack?: string;
}

export interface ReportContext {
  page: string;
  version: string;
  /** The address paths in stacks are made relative to: the extension's root or the widget's folder. */
  base: string;
  userAgent: string;
  now: number;
}

/** A report of anything thrown or rejected with: an Error, a DOMException, a string, anything. */
export function describeError(error: unknown, context: ReportContext): ErrorReport {
  const { page, version, base, userAgent, now } = context;
  const isError = error instanceof Error || (typeof error === 'object' && error !== null && 'message' in error);
  const { name, message, stack } = isError ? (error as Partial<Error>) : {};
  const stackText = scrubStack(typeof stack === 'string' ? stack : undefined, base);
  return {
    type: typeof name === 'string' && /^\w{1,60}$/.test(name) ? name : thrownKind(error),
    message: scrubMessage(isError ? String(message ?? '') : typeof error === 'string' ? error : ''),
    page,
    version,
    browser: browserName(userAgent),
    at: now,
    ...(stackText ? { stack: stackText } : {}),
  };
}

function thrownKind(error: unknown): string {
  if (error === null) return 'null';
  if (Array.isArray(error)) return 'array';
  return typeof error === 'object' ? 'object' : typeof error;
}

/** The text "Copy details" puts on the clipboard: a fixed, untranslated format, like a stack trace. */
export function reportText(report: ErrorReport): string {
  return [
    'Partnership Pulse error report',
    `Error: ${report.type}`,
    `Message: ${report.message || '(none)'}`,
    `Page: ${report.page}`,
    `Version: ${report.version}`,
    `Browser: ${report.browser}`,
    `Time: ${new Date(report.at).toISOString()}`,
    ...(report.stack ? ['Stack:', ...report.stack.split('\n').map((frame) => `  ${frame}`)] : []),
  ].join('\n');
}

/**
 * The report as one entry of the local log (the bundle's ErrorLogEntry): the error's type
 * leads the message, and the browser follows the version, since the entry has no field for either.
 */
export function toLogEntry(report: ErrorReport): ErrorLogEntry {
  return {
    at: report.at,
    page: report.page,
    message: report.message ? `${report.type}: ${report.message}` : report.type,
    ...(report.stack ? { stack: report.stack } : {}),
    version: `${report.version} (${report.browser})`,
  };
}
