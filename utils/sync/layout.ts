import type { ListsEveryKey, PublishedResult, PulseQuestion, StoredPulse } from '../db/records';
import type { LocalStoreName, RecordStoreName } from '../db/schema';
import { FUTURE_SLACK_MS } from '../db/stamp';
import { MIN_ANONYMITY_THRESHOLD } from '../db/threshold';
import { attendanceOf, type AttendanceMode } from './attendance';
import { organisationOnlyValidation } from './attendance-validate';

/**
 * Where each record lives in a workspace (docs/workspace.md), shared by the extension's sync
 * and the admin's `npm run workspace -- init` (scripts/workspace/init.ts).
 *
 * - One database per partnership: the partnership, its memberships, its meetings, the
 *   people named in them, its pulses without their keys (questions, dates, public key,
 *   threshold: never the private key, totals, refused count, seats or answers, which stay in
 *   the local-only stores), and its pulses' published results (aggregates only, written by its
 *   leads: utils/pulse/publish-released.ts).
 * - The directory: organisations and purpose tags, read by every lead and coordinator. It holds
 *   no partnership's name and no lead: which partnerships exist, and who leads them, is told to
 *   each lead alone in their own list (`<prefix>u-<name>`: their partnerships only), and in full
 *   to coordinators only (`<prefix>coordinators`). Both lists are written by the admin only.
 * - The roll-up: every partnership database copied in by CouchDB's `_replicator`, read by
 *   coordinators.
 *
 * A record travels as `{ _id: "<store>:<id>", _rev, type: "<store>", ...record }`. Deleting is a
 * tombstone (`deletedAt`), an edit like any other, never CouchDB's `_deleted`.
 */

/** In the order they refer to each other (a pulse names its meeting). */
export const PARTNERSHIP_STORES = ['partnerships', 'memberships', 'people', 'meetings', 'pulses'] as const;
export const DIRECTORY_STORES = ['organisations', 'purposeTags'] as const;
export type PartnershipStore = (typeof PARTNERSHIP_STORES)[number];
export type DirectoryStore = (typeof DIRECTORY_STORES)[number];
export type SyncedStore = PartnershipStore | DirectoryStore;
export const SYNCED_STORES: readonly SyncedStore[] = [...DIRECTORY_STORES, ...PARTNERSHIP_STORES];
/**
 * A released pulse's published result (the coordinator export's record) also travels in its
 * partnership's database. It is checked like a coordinator file, not by the shared stores'
 * field table, so it is not one of SYNCED_STORES.
 */
export const PUBLISHED_STORE = 'publishedResults';
export type DocStore = SyncedStore | typeof PUBLISHED_STORE;
export const PARTNERSHIP_DOC_STORES: readonly DocStore[] = [...PARTNERSHIP_STORES, PUBLISHED_STORE];
/** Every store whose local changes start a sync. */
export const TRAVELLING_STORES: readonly DocStore[] = [...SYNCED_STORES, PUBLISHED_STORE];

/** Never on the server: checked by the client before a push and by every database's validate_doc_update. */
export const NEVER_SYNCED_STORES = ['responses', 'drafts', 'seats', 'pulseSecrets'] as const satisfies readonly (
  RecordStoreName | LocalStoreName
)[];
/**
 * Fields of an individual response, a pulse's private key, its raw totals and refused count, or
 * a personal link's seat token: refused in any document, either way.
 */
export const FORBIDDEN_FIELDS = [
  'answers',
  'privateKey',
  'privateKeyJwk',
  'summary',
  'refusedOverCap',
  'token',
  'tokenHash',
] as const;

/** The record's fields: all of PublishedResult's, checked both ways below. */
const PUBLISHED_RECORD_KEYS = [
  'id',
  'createdAt',
  'updatedAt',
  'deletedAt',
  'demo',
  'pulseId',
  'partnershipId',
  'partnershipName',
  'at',
  'closedAt',
  'threshold',
  'responses',
  'invited',
  'unverified',
  'sharedLink',
  'questions',
  'comments',
] as const satisfies ReadonlyArray<keyof PublishedResult>;
const _everyField: ListsEveryKey<PublishedResult, typeof PUBLISHED_RECORD_KEYS> = true;
/** The fields a published result may carry on the server (CouchDB's own, `type`, and the record's). */
const PUBLISHED_KEYS = ['_id', '_rev', '_revisions', 'type', ...PUBLISHED_RECORD_KEYS];

/** A pulse's fields as it travels: StoredPulse's, checked both ways below (no key, totals or seats). */
const PULSE_RECORD_KEYS = [
  'id',
  'createdAt',
  'updatedAt',
  'deletedAt',
  'demo',
  'partnershipId',
  'meetingId',
  'periodStart',
  'periodEnd',
  'questions',
  'invitedOrganisationIds',
  'expiresAt',
  'threshold',
  'publicKeyJwk',
  'releasedAt',
] as const satisfies ReadonlyArray<keyof StoredPulse>;
const _everyPulseField: ListsEveryKey<StoredPulse, typeof PULSE_RECORD_KEYS> = true;
const QUESTION_KEYS = ['id', 'dimension', 'wording', 'scale', 'seriesId'] as const satisfies ReadonlyArray<
  keyof PulseQuestion
>;
/** A public key's fields (JWK): `d`, a private key's, is not one of them. */
const PUBLIC_JWK_KEYS = ['kty', 'crv', 'x', 'y', 'ext', 'key_ops'];

export const DEFAULT_PREFIX = 'pp-';
export const WORKSPACE_DOC_ID = 'workspace:partnerships';
export const DESIGN_DOC_ID = '_design/partnership-pulse';
export const LEAD_ROLE = 'pp-lead';
export const COORDINATOR_ROLE = 'pp-coordinator';

/** CouchDB database names: lower case, starting with a letter. */
const DB_PREFIX = /^[a-z][a-z0-9_$()+/-]*$/;
/** Partnership ids are UUIDs; anything else cannot name a database. */
const PARTNERSHIP_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isValidPrefix(prefix: string): boolean {
  return DB_PREFIX.test(prefix) && prefix.length <= 100;
}

export function isPartnershipId(id: string): boolean {
  return PARTNERSHIP_ID.test(id);
}

export const directoryDb = (prefix: string) => `${prefix}directory`;
/** The coordinators' database: the workspace's whole list of partnerships and their leads. */
export const coordinatorsDb = (prefix: string) => `${prefix}coordinators`;
/**
 * One lead's own database: the list of the partnerships they lead, readable by them alone. A
 * user name may hold what a database name may not (capitals, `.`, `@`): each such character is
 * written as its code in hex between brackets (`Ana.B` → `(41)na(2e)b`), so two names never meet.
 */
export const userDb = (prefix: string, name: string) =>
  `${prefix}u-${Array.from(name, (ch) => (/[a-z0-9_-]/.test(ch) ? ch : `(${ch.codePointAt(0)!.toString(16)})`)).join('')}`;
export const rollupDb = (prefix: string) => `${prefix}rollup`;
export const partnershipDb = (prefix: string, partnershipId: string) => `${prefix}p-${partnershipId}`;
/** The partnership whose database `db` is, in the workspace of `prefix`; undefined for any other database. */
export function partnershipOfDb(prefix: string, db: string): string | undefined {
  const start = partnershipDb(prefix, '');
  const id = db.startsWith(start) ? db.slice(start.length) : '';
  return isPartnershipId(id) ? id : undefined;
}

export const docId = (store: DocStore, id: string) => `${store}:${id}`;

/**
 * The workspace document: the partnerships that have a database. In the coordinators' database
 * every one, with its leads; in a lead's own database only theirs, without leads.
 */
export interface WorkspaceDoc {
  _id: typeof WORKSPACE_DOC_ID;
  _rev?: string;
  type: 'workspace';
  /** `attendance`: how the partnership shares attendance (attendance.ts); absent means `people`. */
  partnerships: Array<{ id: string; name: string; leads?: string[]; attendance?: AttendanceMode }>;
}

/** A partnership as a workspace document lists it, checked (`listedPartnerships`). */
export interface ListedPartnership {
  id: string;
  name: string;
  attendance: AttendanceMode;
}

/**
 * The one reader of a workspace document's `partnerships` (the management page's offer and the
 * background's attendance modes): entries with a UUID id and a text name only, each id once (the
 * first; organisation-only if any of its entries says so), names cut at 500 characters, and an
 * unknown attendance mode read as `people`. Anything that is not such a document lists none.
 */
export function listedPartnerships(doc: unknown): ListedPartnership[] {
  const listed = (doc as { partnerships?: unknown } | null)?.partnerships;
  const byId = new Map<string, ListedPartnership>();
  for (const p of Array.isArray(listed)
    ? (listed as Array<Partial<Record<'id' | 'name' | 'attendance', unknown>> | null>)
    : []) {
    if (typeof p?.id !== 'string' || !isPartnershipId(p.id) || typeof p.name !== 'string') continue;
    const attendance = attendanceOf(p);
    const first = byId.get(p.id);
    if (first) {
      if (attendance !== 'people') first.attendance = attendance;
    } else byId.set(p.id, { id: p.id, name: p.name.slice(0, 500), attendance });
  }
  return [...byId.values()];
}

/** `list`: a lead's own list or the coordinators' list, written by the admin only. */
export type ValidateKind = 'partnership' | 'directory' | 'rollup' | 'list';

/**
 * The `validate_doc_update` of one database, as CouchDB stores it (plain ES5 source). The
 * partnership's id and its leads are written into it, so it does not depend on the security
 * object reaching the function (the stand-in does not pass it).
 */
export function validateDocSource(
  kind: ValidateKind,
  partnershipId = '',
  leads: readonly string[] = [],
  attendance: AttendanceMode = 'people',
): string {
  const constants = JSON.stringify({
    kind,
    partnershipId,
    leads,
    partnershipStores: PARTNERSHIP_DOC_STORES,
    published: PUBLISHED_STORE,
    publishedKeys: PUBLISHED_KEYS,
    pulseKeys: ['_id', '_rev', '_revisions', 'type', ...PULSE_RECORD_KEYS],
    questionKeys: QUESTION_KEYS,
    jwkKeys: PUBLIC_JWK_KEYS,
    minThreshold: MIN_ANONYMITY_THRESHOLD,
    slackMs: FUTURE_SLACK_MS,
    directoryStores: DIRECTORY_STORES,
    never: NEVER_SYNCED_STORES,
    forbidden: FORBIDDEN_FIELDS,
    leadRole: LEAD_ROLE,
    organisationOnly: kind === 'partnership' && attendance === 'organisations',
  });
  return `function (newDoc, oldDoc, userCtx) {
  var c = ${constants};
  var admin = userCtx.roles.indexOf('_admin') !== -1;
  function refuse(reason) { throw({ forbidden: reason }); }
  if (c.never.indexOf(newDoc.type) !== -1) refuse("Individual responses, seats, drafts and pulses' keys never go to the workspace.");
  for (var i = 0; i < c.forbidden.length; i++) {
    if (Object.prototype.hasOwnProperty.call(newDoc, c.forbidden[i])) refuse('The field ' + c.forbidden[i] + ' never goes to the workspace.');
  }
  if (newDoc.publicKeyJwk && newDoc.publicKeyJwk.d !== undefined) refuse('A private key never goes to the workspace.');
  // A private JWK (a key with its d) anywhere in the document, however deep.
  (function findPrivateJwk(value, depth) {
    if (typeof value !== 'object' || value === null || depth > 20) return;
    if (!Array.isArray(value) && value.d !== undefined && value.kty !== undefined) refuse('A private key never goes to the workspace.');
    for (var key in value) if (Object.prototype.hasOwnProperty.call(value, key)) findPrivateJwk(value[key], depth + 1);
  })(newDoc, 0);
  if (c.organisationOnly) checkOrganisationOnly(newDoc);${organisationOnlyValidation()}
  if (admin) return;
  if (newDoc._deleted) refuse('Records are deleted with a tombstone (deletedAt), not removed.');
  if (c.kind === 'rollup') refuse('The roll-up is written by the replicator only.');
  if (c.kind === 'list') refuse("The list of partnerships is written by the workspace's admin only.");
  var stores = c.kind === 'partnership' ? c.partnershipStores : c.directoryStores;
  if (stores.indexOf(newDoc.type) === -1) refuse('A ' + newDoc.type + ' record does not belong in this database.');
  if (newDoc._id !== newDoc.type + ':' + newDoc.id) refuse('The document id must be ' + newDoc.type + ':' + newDoc.id + '.');
  // A file hung on a record is never read by the extension and is copied to the roll-up unchecked.
  if (newDoc._attachments) refuse('Files are never attached to records in the workspace.');
  if (c.kind === 'directory') {
    if (userCtx.roles.indexOf(c.leadRole) === -1) refuse('Only leads may write to the directory.');
    return notAhead(newDoc);
  }
  if (c.leads.indexOf(userCtx.name) === -1) refuse('Only the leads of this partnership may write to it.');
  var belongsTo = newDoc.type === 'partnerships' ? newDoc.id : newDoc.partnershipId;
  if (newDoc.type !== 'people' && belongsTo !== c.partnershipId) refuse('This record belongs to another partnership.');
  if (newDoc.type === c.published) checkPublished(newDoc);
  if (newDoc.type === 'pulses') checkPulse(newDoc);
  notAhead(newDoc);

  // Dated further ahead than a computer's clock may be, an edit would win every merge (the extensions refuse it too).
  function notAhead(doc) {
    if (typeof doc.updatedAt === 'number' && doc.updatedAt > Date.now() + c.slackMs) refuse('The updatedAt of the record is in the future.');
  }

  function isCount(x) { return typeof x === 'number' && x >= 0 && x % 1 === 0; }
  function onlyKeys(value, keys, where, why) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) refuse(where + ' must be an object.');
    for (var key in value) {
      if (Object.prototype.hasOwnProperty.call(value, key) && keys.indexOf(key) === -1)
        refuse((why || 'A published result carries aggregates only') + ': ' + where + '.' + key + ' is not one of its fields.');
    }
  }
  function checkGroup(group, where, threshold, responses) {
    if (group && group.hidden === true) return onlyKeys(group, ['hidden', 'reason'], where);
    onlyKeys(group, ['hidden', 'n', 'mean', 'distribution', 'preferNotToSay'], where);
    if (group.hidden !== false || !isCount(group.n) || !isCount(group.preferNotToSay) || typeof group.mean !== 'number')
      refuse(where + ' is not a published group.');
    if (group.n < threshold) refuse(where + ' shows ' + group.n + ' answers, under the threshold of ' + threshold + '.');
    if (group.n + group.preferNotToSay > responses) refuse(where + ' shows more answers than the pulse had.');
    if (!Array.isArray(group.distribution)) refuse(where + '.distribution must be a list.');
    for (var d = 0; d < group.distribution.length; d++) onlyKeys(group.distribution[d], ['value', 'count'], where + '.distribution');
  }
  function notFuture(doc, stamps, what) {
    var now = Date.now();
    for (var s = 0; s < stamps.length; s++) {
      if (typeof doc[stamps[s]] !== 'number' || doc[stamps[s]] > now + c.slackMs) refuse('The ' + stamps[s] + ' of the ' + what + ' is missing or in the future.');
    }
  }
  function checkPulse(doc) {
    onlyKeys(doc, c.pulseKeys, 'The pulse', 'A pulse travels without its key, totals, seats or answers');
    if (!isCount(doc.threshold) || doc.threshold < c.minThreshold) refuse('A pulse needs a threshold of at least ' + c.minThreshold + '.');
    notFuture(doc, ['createdAt', 'updatedAt'], 'pulse');
    if (!Array.isArray(doc.questions)) refuse('A pulse lists its questions.');
    for (var q = 0; q < doc.questions.length; q++) onlyKeys(doc.questions[q], c.questionKeys, 'questions[' + q + ']', 'A pulse travels without its key, totals, seats or answers');
    if (doc.publicKeyJwk !== undefined) onlyKeys(doc.publicKeyJwk, c.jwkKeys, 'publicKeyJwk', 'A pulse carries its public key only');
  }
  function checkPublished(doc) {
    onlyKeys(doc, c.publishedKeys, 'The result');
    if (doc.pulseId !== doc.id) refuse('A published result is keyed by its pulse.');
    if (!isCount(doc.threshold) || doc.threshold < c.minThreshold) refuse('A published result needs a threshold of at least ' + c.minThreshold + '.');
    if (!isCount(doc.responses) || !isCount(doc.invited) || !isCount(doc.unverified)) refuse('A published result carries counts only, not individual responses.');
    if (doc.sharedLink !== undefined && doc.sharedLink !== true) refuse('A published result says sharedLink: true, or nothing.');
    notFuture(doc, ['createdAt', 'updatedAt', 'at', 'closedAt'], 'result');
    if (doc.closedAt > Date.now()) refuse('Results are published only once the pulse has closed.');
    if (!Array.isArray(doc.questions)) refuse('A published result lists its questions.');
    for (var q = 0; q < doc.questions.length; q++) {
      var question = doc.questions[q];
      var at = 'questions[' + q + ']';
      onlyKeys(question, ['id', 'dimension', 'wording', 'scale', 'seriesId', 'overall', 'byPartnerType'], at);
      checkGroup(question.overall, at + '.overall', doc.threshold, doc.responses);
      onlyKeys(question.byPartnerType, ['lead', 'core', 'wider'], at + '.byPartnerType');
      for (var type in question.byPartnerType) checkGroup(question.byPartnerType[type], at + '.byPartnerType.' + type, doc.threshold, doc.responses);
    }
    if (doc.comments !== undefined) {
      if (!Array.isArray(doc.comments)) refuse('Comments are listed by partner type.');
      for (var k = 0; k < doc.comments.length; k++) onlyKeys(doc.comments[k], ['partnerType', 'texts'], 'comments[' + k + ']');
      if (doc.responses < doc.threshold) refuse('Comments of a pulse under the threshold are never published.');
    }
  }
}`;
}
