import type { ErrorLogEntry } from '../your-data/bundle/format';
import { safeMessage } from './safe-messages';
import { browserName, scrubMessage, scrubStack } from './scrub';

/** One unexpected error, scrubbed of personal data (utils/errors/scrub.ts): safe to copy and send. */
export interface ErrorReport {
  /** The error's class, e.g. TypeError, or what was thrown when it was not an Error. */
  type: string;
  /** The error's code (a DOMException's, or `code` on the error), when it is a short token or a number. */
  code?: string;
  /** Empty unless, scrubbed, it has a shape the page knows (`known`: utils/errors/safe-messages.ts). */
  message: string;
  /** A message was there but dropped: its shape is not known to be free of personal text. */
  withheld?: true;
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
  /** The message shapes this page may keep (utils/errors/safe-messages.ts): the widget's, or the extension's. */
  known: readonly RegExp[];
}

/** A report of anything thrown or rejected with: an Error, a DOMException, a string, anything. */
export function describeError(error: unknown, context: ReportContext): ErrorReport {
  const { page, version, base, userAgent, now, known } = context;
  const isError = error instanceof Error || (typeof error === 'object' && error !== null && 'message' in error);
  const { name, message, stack } = isError ? (error as Partial<Error>) : {};
  const stackText = scrubStack(typeof stack === 'string' ? stack : undefined, base);
  const scrubbed = scrubMessage(isError ? String(message ?? '') : typeof error === 'string' ? error : '');
  const kept = safeMessage(scrubbed, known);
  const code = codeOf(error);
  return {
    type: typeof name === 'string' && /^\w{1,60}$/.test(name) ? name : thrownKind(error),
    ...(code !== undefined ? { code } : {}),
    message: kept,
    ...(kept === '' && scrubbed !== '' ? { withheld: true as const } : {}),
    page,
    version,
    browser: browserName(userAgent),
    at: now,
    ...(stackText ? { stack: stackText } : {}),
  };
}

/** A code worth keeping: a short token (`ERR_NETWORK`) or a non-zero number (a DOMException's legacy code). */
function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const { code } = error as { code: unknown };
  if (typeof code === 'number' && Number.isInteger(code) && code !== 0) return String(code);
  if (typeof code === 'string' && /^[A-Za-z0-9_.-]{1,40}$/.test(code)) return code;
  return undefined;
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
    ...(report.code !== undefined ? [`Code: ${report.code}`] : []),
    `Message: ${report.message || (report.withheld ? '(withheld: it may hold personal text)' : '(none)')}`,
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
    message: `${report.type}${report.code !== undefined ? ` [${report.code}]` : ''}${report.message ? `: ${report.message}` : ''}`,
    ...(report.stack ? { stack: report.stack } : {}),
    version: `${report.version} (${report.browser})`,
  };
}
