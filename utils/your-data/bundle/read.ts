import { BUNDLE_FORMAT, BUNDLE_STORES, BUNDLE_VERSION, type Bundle } from './format';
import { findSyntaxFault, lineAndColumn } from './json-syntax';
import { LIMITS } from './limits';
import { ProblemList } from './problems';
import {
  checkErrorLog,
  checkExportedAt,
  checkKeys,
  checkRecords,
  checkValue,
  describeFound,
  isPlainObject,
} from './validate';

const TOP_LEVEL_KEYS = new Set<string>([
  'format',
  'version',
  'exportedAt',
  'app',
  'scope',
  'errorLog',
  ...BUNDLE_STORES,
]);

/**
 * The text of a bundle file, checked throughout: a Bundle ready to plan, or ImportRejected
 * listing what is wrong and where (up to MAX_PROBLEMS, then how many more). Pure: no database.
 * `now` is this computer's clock: records stamped more than a day after it are refused.
 */
export function parseBundle(text: string, fileName: string, now: number = Date.now()): Bundle {
  // Each UTF-16 unit is 1 to 3 bytes: count them only when the length alone cannot tell.
  if (text.length * 3 > LIMITS.fileBytes) checkFileSize(utf8Length(text), fileName);
  const problems = new ProblemList(fileName);
  if (text.trim() === '') {
    problems.add({}, 'bundle_problem_empty');
    problems.throwIfAny();
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    const fault = findSyntaxFault(text) ?? { kind: 'unexpected' as const, offset: 0 };
    const at = lineAndColumn(text, fault.offset);
    if (fault.kind === 'truncated') problems.add(at, 'bundle_problem_truncated');
    else problems.add(at, 'bundle_problem_notJson', JSON.stringify(text.slice(fault.offset, fault.offset + 1)));
    problems.throwIfAny();
  }

  if (!isPlainObject(parsed)) {
    problems.add({}, 'bundle_problem_topLevel', describeFound(parsed));
    problems.throwIfAny();
  }
  const top = parsed as Record<string, unknown>;
  // Another kind of file, or a newer format: nothing else about it is worth listing.
  if (top.format !== BUNDLE_FORMAT) {
    problems.add({ field: 'format' }, 'bundle_problem_notBundle', describeFound(top.format));
    problems.throwIfAny();
  }
  if (typeof top.version !== 'number' || !Number.isInteger(top.version) || top.version < 1) {
    problems.add({ field: 'version' }, 'bundle_problem_badVersion', describeFound(top.version));
    problems.throwIfAny();
  }
  if ((top.version as number) > BUNDLE_VERSION) {
    problems.add({ field: 'version' }, 'bundle_problem_newer', String(top.version), String(BUNDLE_VERSION));
    problems.throwIfAny();
  }

  checkKeys(top, TOP_LEVEL_KEYS, problems);
  checkExportedAt(top.exportedAt, problems);
  if (checkPresent(top, 'app', problems)) {
    checkValue(top.app, { kind: 'text', max: LIMITS.name, nonEmpty: true }, problems, 'app');
  }
  if (checkPresent(top, 'scope', problems) && top.scope !== 'all') {
    checkValue(top.scope, { kind: 'object', fields: { partnershipId: { spec: { kind: 'id' } } } }, problems, 'scope');
  }
  checkErrorLog(top.errorLog, problems, now);
  for (const store of BUNDLE_STORES) checkPresent(top, store, problems);
  const records = checkRecords(top, problems, now);
  problems.throwIfAny();

  return {
    format: BUNDLE_FORMAT,
    version: top.version as number,
    exportedAt: top.exportedAt as string,
    app: top.app as string,
    scope: top.scope as Bundle['scope'],
    ...(top.errorLog !== undefined ? { errorLog: top.errorLog as Bundle['errorLog'] } : {}),
    ...records,
  };
}

function checkPresent(top: Record<string, unknown>, key: string, problems: ProblemList): boolean {
  if (Object.hasOwn(top, key)) return true;
  problems.add({ field: key }, 'bundle_problem_missing');
  return false;
}

/**
 * Bytes of `text` in UTF-8, as TextEncoder would write it (a lone surrogate becomes U+FFFD,
 * three bytes), counted without encoding it.
 */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i += 1;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * A file of `bytes` bytes is refused when past LIMITS.fileBytes: checked on the file's size
 * before it is read, and again on the text.
 */
export function checkFileSize(bytes: number, fileName: string, limit: number = LIMITS.fileBytes): void {
  if (bytes <= limit) return;
  const problems = new ProblemList(fileName);
  const mb = (n: number) => String(Math.ceil(n / (1024 * 1024)));
  problems.add({}, 'bundle_problem_tooLarge', mb(bytes), mb(limit));
  problems.throwIfAny();
}
