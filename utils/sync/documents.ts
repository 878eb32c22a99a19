import { t } from '../i18n/messages';
import type { Stamped } from '../db/records';
import { FUTURE_SLACK_MS } from '../db/stamp';
import { isPlainObject } from '../your-data/bundle/validate';
import {
  DIRECTORY_STORES,
  FORBIDDEN_FIELDS,
  PARTNERSHIP_DOC_STORES,
  WORKSPACE_DOC_ID,
  docId,
  type DocStore,
} from './layout';

/** Records as CouchDB documents and back; see layout.ts. */

export interface SyncedDoc extends Stamped {
  _id: string;
  _rev?: string;
  type: DocStore;
  [field: string]: unknown;
}

/** Where a document was read: a partnership's database (with its id) or the directory. */
export type DbScope = { kind: 'partnership'; partnershipId: string } | { kind: 'directory' };

export function toDoc(store: DocStore, record: Stamped, rev?: string): SyncedDoc {
  return { ...record, _id: docId(store, record.id), ...(rev !== undefined ? { _rev: rev } : {}), type: store };
}

export type ReadDoc =
  | { ok: true; store: DocStore; record: Record<string, unknown> & { id: string; updatedAt: number } }
  | { ok: false; id: string; reason: string }
  /** Not a record: design documents, the workspace document, CouchDB deletions. */
  | { ok: false; id: string; skip: true };

/**
 * A document from the server, as a record for the bundle's checks (validate.ts), or why it is
 * refused: the wrong kind for this database, another partnership's, a private field, dated in
 * the future. The record's own fields are checked afterwards, like an imported file's.
 */
export function readDoc(doc: unknown, scope: DbScope, now: number): ReadDoc {
  if (!isPlainObject(doc)) return { ok: false, id: '?', reason: t('syncNotDoc') };
  const id = typeof doc._id === 'string' ? doc._id : '?';
  const refused = (reason: string): ReadDoc => ({ ok: false, id, reason });
  if (id.startsWith('_design/') || id === WORKSPACE_DOC_ID || doc._deleted === true)
    return { ok: false, id, skip: true };
  const stores: readonly string[] = scope.kind === 'partnership' ? PARTNERSHIP_DOC_STORES : DIRECTORY_STORES;
  const type = doc.type;
  if (typeof type !== 'string' || !stores.includes(type)) {
    return refused(t('syncWrongDb', String(type)));
  }
  const store = type as DocStore;
  for (const field of FORBIDDEN_FIELDS) {
    if (Object.hasOwn(doc, field)) return refused(t('syncNeverField', field));
  }
  if (typeof doc.id !== 'string' || id !== docId(store, doc.id)) {
    return refused(t('syncBadId', store));
  }
  if (scope.kind === 'partnership' && store !== 'people') {
    const owner = store === 'partnerships' ? doc.id : doc.partnershipId;
    if (owner !== scope.partnershipId) return refused(t('syncOtherP'));
  }
  if (typeof doc.updatedAt !== 'number' || !Number.isFinite(doc.updatedAt)) {
    return refused(t('syncNoStamp'));
  }
  // Dated further ahead of this computer's clock than the validator and a local edit allow.
  if (doc.updatedAt > now + FUTURE_SLACK_MS) {
    return refused(t('syncFuture', new Date(doc.updatedAt).toISOString()));
  }
  const record: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) {
    // CouchDB's own fields; `type` is ours.
    if (key.startsWith('_') || key === 'type') continue;
    record[key] = value;
  }
  return { ok: true, store, record: record as Record<string, unknown> & { id: string; updatedAt: number } };
}
