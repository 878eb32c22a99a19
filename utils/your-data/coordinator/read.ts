import {
  DIMENSIONS,
  PARTNER_TYPES,
  type PartnerType,
  type PublishedGroup,
  type PublishedQuestion,
  type PublishedResult,
} from '../../db/records';
import { MIN_ANONYMITY_THRESHOLD } from '../../db/threshold';
import { scaleValues } from '../../pulse/questions';
import { passesSomewhere } from '../../pulse/passes';
import { BUNDLE_FORMAT } from '../bundle/format';
import { LIMITS } from '../bundle/limits';
import { ProblemList } from '../bundle/problems';
import {
  BOOLEAN,
  checkExportedAt,
  checkKeys,
  checkValue,
  describeFound,
  isPlainObject,
  recordLabel,
  type FieldsOf,
  type Spec,
} from '../bundle/validate';
import { utf8Length } from '../bundle/read';
import { COORDINATOR_KIND, COORDINATOR_LIMITS, COORDINATOR_VERSION, SAFE_ID, type CoordinatorFile } from './format';

/**
 * A coordinator export, checked as an attacker's file: the shape field by field (unknown
 * fields refused, so no individual row rides along), safe ids, no stamp from the future, no
 * open pulse, and figures that hold together: every shown group has at least the threshold of
 * answers, its distribution is on the question's scale and adds up to its count and mean, and
 * the hidden parts of a shown total hold none or at least the threshold. Returns the results
 * to store, or throws ImportRejected saying what is wrong and where. Pure: no database.
 */

const TOP_LEVEL_KEYS = new Set([
  'format',
  'kind',
  'version',
  'exportedAt',
  'app',
  'includesComments',
  'publishedResults',
]);

const id: Spec = { kind: 'id' };
const time: Spec = { kind: 'time' };
const count: Spec = { kind: 'integer', min: 0, max: LIMITS.records };
const required = (spec: Spec) => ({ spec });
const optional = (spec: Spec) => ({ spec, optional: true as const });

const QUESTION_FIELDS: FieldsOf<Omit<PublishedQuestion, 'overall' | 'byPartnerType'>> = {
  id: required(id),
  dimension: optional({ kind: 'oneOf', values: DIMENSIONS }),
  wording: required({ kind: 'text', max: LIMITS.wording, nonEmpty: true }),
  scale: required({ kind: 'oneOf', values: ['agree5', 'zeroTen'] }),
  seriesId: required(id),
};

/** Typed by the record: a field added to PublishedResult and not here (or the other way) fails to compile. */
const RESULT_FIELDS: FieldsOf<Omit<PublishedResult, 'questions'>> = {
  id: required(id),
  createdAt: required(time),
  updatedAt: required(time),
  deletedAt: optional(time),
  demo: optional({ kind: 'true' }),
  pulseId: required(id),
  partnershipId: required(id),
  partnershipName: required({ kind: 'text', max: LIMITS.name, nonEmpty: true }),
  at: required(time),
  closedAt: required(time),
  threshold: required({ kind: 'integer', min: MIN_ANONYMITY_THRESHOLD, max: LIMITS.threshold }),
  responses: required(count),
  invited: required({ kind: 'integer', min: 0, max: LIMITS.organisationIds }),
  unverified: required(count),
  sharedLink: optional({ kind: 'true' }),
  comments: optional({
    kind: 'list',
    max: PARTNER_TYPES.length,
    of: {
      kind: 'object',
      fields: {
        partnerType: required({ kind: 'oneOf', values: PARTNER_TYPES }),
        texts: required({
          kind: 'list',
          of: { kind: 'text', max: LIMITS.longText, nonEmpty: true },
          max: COORDINATOR_LIMITS.texts,
        }),
      },
    },
  }),
};

export function parseCoordinatorFile(text: string, fileName: string, now: number): CoordinatorFile {
  const problems = new ProblemList(fileName);
  const bytes = text.length * 3 > COORDINATOR_LIMITS.fileBytes ? utf8Length(text) : text.length;
  if (bytes > COORDINATOR_LIMITS.fileBytes) {
    const mb = (n: number) => String(Math.ceil(n / (1024 * 1024)));
    problems.add({}, 'bundle_problem_tooLarge', mb(bytes), mb(COORDINATOR_LIMITS.fileBytes));
    problems.throwIfAny();
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    problems.add({}, 'coord_problem_notJson');
    problems.throwIfAny();
  }
  if (!isPlainObject(parsed)) {
    problems.add({}, 'bundle_problem_topLevel', describeFound(parsed));
    problems.throwIfAny();
  }
  const top = parsed as Record<string, unknown>;
  if (top.format !== BUNDLE_FORMAT)
    problems.add({ field: 'format' }, 'bundle_problem_notBundle', describeFound(top.format));
  if (top.kind !== COORDINATOR_KIND) problems.add({ field: 'kind' }, 'coord_problem_kind', describeFound(top.kind));
  problems.throwIfAny();
  if (top.version !== COORDINATOR_VERSION) {
    problems.add({ field: 'version' }, 'bundle_problem_newer', describeFound(top.version), String(COORDINATOR_VERSION));
    problems.throwIfAny();
  }
  checkKeys(top, TOP_LEVEL_KEYS, problems);
  if (checkExportedAt(top.exportedAt, problems) && Date.parse(top.exportedAt) > now + COORDINATOR_LIMITS.clockSkewMs) {
    problems.add({ field: 'exportedAt' }, 'coord_problem_future', top.exportedAt);
  }
  checkValue(top.app, { kind: 'text', max: LIMITS.name, nonEmpty: true }, problems, 'app');
  checkValue(top.includesComments, BOOLEAN, problems, 'includesComments');
  const list = top.publishedResults;
  if (!Array.isArray(list)) {
    problems.add({ field: 'publishedResults' }, 'bundle_problem_notList', describeFound(list));
    problems.throwIfAny();
  }
  const results = list as unknown[];
  if (results.length > COORDINATOR_LIMITS.results) {
    problems.add(
      { field: 'publishedResults' },
      'bundle_problem_tooMany',
      String(results.length),
      String(COORDINATOR_LIMITS.results),
    );
    problems.throwIfAny();
  }
  const seen = new Set<string>();
  results.forEach((result, index) => {
    const record = recordLabel('publishedResults', index, result);
    if (checkResult(result, record, problems, now, top.includesComments === true)) {
      const resultId = (result as PublishedResult).id;
      if (seen.has(resultId))
        problems.add({ record, field: 'id' }, 'bundle_problem_duplicate', resultId, 'publishedResults');
      seen.add(resultId);
    }
  });
  problems.throwIfAny();
  return top as unknown as CoordinatorFile;
}

/**
 * One published result, checked as above; problems are added to `problems` under `record`.
 * True when it may be stored. The workspace sync checks pulled results with it too.
 */
export function checkResult(
  value: unknown,
  record: string,
  problems: ProblemList,
  now: number,
  withComments: boolean,
): boolean {
  const before = problems.count;
  if (!isPlainObject(value)) {
    problems.add({ record }, 'bundle_problem_notObject', describeFound(value));
    return false;
  }
  // The questions are checked one by one below, with their groups.
  const { questions: questionList, ...fields } = value;
  if (!checkValue(fields, { kind: 'object', fields: RESULT_FIELDS }, problems, '', record)) return false;
  if (!Array.isArray(questionList)) {
    problems.add({ record, field: 'questions' }, 'bundle_problem_notList', describeFound(questionList));
    return false;
  }
  if (questionList.length > LIMITS.questions) {
    problems.add(
      { record, field: 'questions' },
      'bundle_problem_tooMany',
      String(questionList.length),
      String(LIMITS.questions),
    );
    return false;
  }
  const result = value as Record<string, unknown> & PublishedResult;
  const add = (field: string, key: Parameters<ProblemList['add']>[1], ...subs: string[]) =>
    problems.add({ record, field }, key, ...subs);

  for (const field of ['id', 'pulseId', 'partnershipId'] as const) {
    if (!SAFE_ID.test(result[field])) add(field, 'coord_problem_unsafeId', describeFound(result[field]));
  }
  if (result.id !== result.pulseId) add('pulseId', 'coord_problem_idMismatch', describeFound(result.pulseId));
  for (const field of ['createdAt', 'updatedAt', 'at', 'closedAt'] as const) {
    if (result[field] > now + COORDINATOR_LIMITS.clockSkewMs) {
      add(field, 'coord_problem_future', new Date(result[field]).toISOString());
    }
  }
  if (result.closedAt > now) add('closedAt', 'coord_problem_open');
  if (result.comments !== undefined && !withComments) add('comments', 'coord_problem_commentsNotChosen');

  const questions: PublishedQuestion[] = [];
  result.questions.forEach((question, index) => {
    const at = `questions[${index}]`;
    if (!isPlainObject(question)) {
      add(at, 'bundle_problem_notObject', describeFound(question));
      return;
    }
    const { overall, byPartnerType, ...plain } = question as unknown as Record<string, unknown>;
    if (!checkValue(plain, { kind: 'object', fields: QUESTION_FIELDS }, problems, at, record)) return;
    if (!isPlainObject(byPartnerType)) {
      add(`${at}.byPartnerType`, 'bundle_problem_notObject', describeFound(byPartnerType));
      return;
    }
    void overall;
    for (const field of ['id', 'seriesId'] as const) {
      if (!SAFE_ID.test(question[field]))
        add(`${at}.${field}`, 'coord_problem_unsafeId', describeFound(question[field]));
    }
    if (checkQuestion(question, result, `${at}`, add)) questions.push(question);
  });
  if (problems.count === before && result.comments) {
    const types = new Set<PartnerType>();
    result.comments.forEach((group, index) => {
      const at = `comments[${index}].partnerType`;
      if (types.has(group.partnerType)) add(at, 'bundle_problem_duplicate', group.partnerType, 'comments');
      types.add(group.partnerType);
      if (!passesSomewhere(questions, group.partnerType) || result.responses < result.threshold) {
        add(at, 'coord_problem_commentsHidden', group.partnerType);
      }
    });
  }
  return problems.count === before;
}

type Add = (field: string, key: Parameters<ProblemList['add']>[1], ...subs: string[]) => void;

/** One question's groups: shapes, the scale, the threshold, and the partition rule. */
function checkQuestion(question: PublishedQuestion, result: PublishedResult, at: string, add: Add): boolean {
  let ok = true;
  const fail: Add = (...args) => {
    ok = false;
    add(...args);
  };
  const types = question.byPartnerType as unknown as Record<string, unknown>;
  for (const key of Object.keys(types)) {
    if (!(PARTNER_TYPES as readonly string[]).includes(key))
      fail(`${at}.byPartnerType.${key}`, 'bundle_problem_unknownKey', key);
  }
  const overall = checkGroup(question.overall, question.scale, result, `${at}.overall`, fail);
  const parts: Array<PublishedGroup | null> = PARTNER_TYPES.map((type) =>
    Object.hasOwn(types, type)
      ? checkGroup(types[type], question.scale, result, `${at}.byPartnerType.${type}`, fail)
      : (fail(`${at}.byPartnerType.${type}`, 'bundle_problem_missing'), null),
  );
  if (!ok || !overall) return false;
  const shownParts = parts.filter((p): p is Extract<PublishedGroup, { hidden: false }> => p !== null && !p.hidden);
  if (overall.hidden) {
    if (shownParts.length > 0) fail(`${at}.byPartnerType`, 'coord_problem_partOfHidden');
    return ok;
  }
  const rest = overall.n - shownParts.reduce((sum, p) => sum + p.n, 0);
  if (rest < 0 || (rest > 0 && rest < result.threshold)) {
    fail(`${at}.byPartnerType`, 'coord_problem_difference', String(Math.max(rest, 0)), String(result.threshold));
  }
  return ok;
}

function checkGroup(
  value: unknown,
  scale: PublishedQuestion['scale'],
  result: PublishedResult,
  at: string,
  fail: Add,
): PublishedGroup | null {
  if (!isPlainObject(value)) {
    fail(at, 'bundle_problem_notObject', describeFound(value));
    return null;
  }
  const allowed =
    value.hidden === true ? ['hidden', 'reason'] : ['hidden', 'n', 'mean', 'distribution', 'preferNotToSay'];
  let ok = true;
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      // A hidden group carries no figure at all: a count or a mean beside `hidden: true` is refused.
      fail(`${at}.${key}`, value.hidden === true ? 'coord_problem_figureOfHidden' : 'bundle_problem_unknownKey', key);
      ok = false;
    }
  }
  if (value.hidden === true) {
    if (value.reason !== 'below-threshold' && value.reason !== 'protects-smaller-group') {
      fail(
        `${at}.reason`,
        'bundle_problem_notOneOf',
        'below-threshold, protects-smaller-group',
        describeFound(value.reason),
      );
      return null;
    }
    return ok ? (value as PublishedGroup) : null;
  }
  if (value.hidden !== false) {
    fail(`${at}.hidden`, 'bundle_problem_notBoolean', describeFound(value.hidden));
    return null;
  }
  const { n, mean, distribution, preferNotToSay } = value;
  const isCount = (x: unknown): x is number =>
    typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= LIMITS.records;
  if (!isCount(n))
    return (fail(`${at}.n`, 'bundle_problem_notInteger', '0', String(LIMITS.records), describeFound(n)), null);
  if (!isCount(preferNotToSay)) {
    fail(
      `${at}.preferNotToSay`,
      'bundle_problem_notInteger',
      '0',
      String(LIMITS.records),
      describeFound(preferNotToSay),
    );
    return null;
  }
  if (n < result.threshold) {
    fail(`${at}.n`, 'coord_problem_underThreshold', String(n), String(result.threshold));
    return null;
  }
  if (n > result.responses) {
    fail(`${at}.n`, 'coord_problem_moreThanResponses', String(n), String(result.responses));
    return null;
  }
  // Those who preferred not to say are responses of the group too.
  if (n + preferNotToSay > result.responses) {
    fail(
      `${at}.preferNotToSay`,
      'coord_problem_moreThanResponses',
      String(n + preferNotToSay),
      String(result.responses),
    );
    return null;
  }
  const values = scaleValues(scale);
  if (
    !Array.isArray(distribution) ||
    distribution.length !== values.length ||
    !distribution.every(
      (entry: unknown, index) =>
        isPlainObject(entry) &&
        Object.keys(entry).length === 2 &&
        entry.value === values[index] &&
        isCount(entry.count),
    )
  ) {
    fail(`${at}.distribution`, 'coord_problem_offScale', values.join(', '));
    return null;
  }
  const entries = distribution as Array<{ value: number; count: number }>;
  const total = entries.reduce((sum, e) => sum + e.count, 0);
  if (total !== n) {
    fail(`${at}.distribution`, 'coord_problem_countMismatch', String(total), String(n));
    return null;
  }
  const expected = entries.reduce((sum, e) => sum + e.value * e.count, 0) / n;
  if (typeof mean !== 'number' || !Number.isFinite(mean) || Math.abs(mean - expected) > 1e-9 * Math.max(1, expected)) {
    fail(`${at}.mean`, 'coord_problem_meanMismatch', describeFound(mean), String(expected));
    return null;
  }
  return ok ? (value as PublishedGroup) : null;
}
