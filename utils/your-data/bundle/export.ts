import type { Meeting, Organisation, Person, Pulse, PulseResponse, PurposeTag } from '../../db/records';
import { inReadTransaction, readStores } from '../../db/bulk';
import { joinPulses } from '../../db/pulse-secrets';
import type { PulseDatabase } from '../../db/schema';
import {
  BUNDLE_FORMAT,
  BUNDLE_STORES,
  BUNDLE_TX_STORES,
  BUNDLE_VERSION,
  type Bundle,
  type BundleRecords,
  type BundlePulse,
  type ErrorLogEntry,
} from './format';

export type ExportScope = 'all' | { partnershipId: string };

export interface ExportOptions {
  errorLog?: ErrorLogEntry[];
  onProgress?: (done: number, total: number) => void;
  /** The extension version written as `app` (the page knows it; the worker asks the page). */
  app?: string;
  /** For tests: the export time. */
  now?: number;
}

/**
 * A pulse as a personal backup carries it: without its private key (never leaves this browser)
 * and summary (recomputed), with its refused count (kept locally beside the key).
 */
export function bundlePulse(pulse: Pulse): BundlePulse {
  const { privateKey: _privateKey, summary: _summary, ...rest } = pulse;
  return rest;
}

/**
 * A response as a personal backup carries it: its arrival time (and its stamps, which tell the
 * same) coarsened to its pulse's close, or to the export for a pulse still open, so the file
 * never shows who answered first or last. Tombstones keep their deletion time.
 */
export function coarsenedResponse(
  response: PulseResponse,
  pulse: Pick<Pulse, 'expiresAt'> | undefined,
  now: number,
): PulseResponse {
  if (!pulse) return response;
  const close = Math.min(pulse.expiresAt, now);
  return { ...response, createdAt: close, updatedAt: close, receivedAt: close };
}

function coarsenAll(records: Records, now: number): Records {
  const pulses = new Map(records.pulses.map((p) => [p.id, p]));
  return { ...records, responses: records.responses.map((r) => coarsenedResponse(r, pulses.get(r.pulseId), now)) };
}

function appVersion(): string {
  try {
    const runtime = (globalThis as { chrome?: { runtime?: { getManifest?: () => { version: string } } } }).chrome
      ?.runtime;
    return runtime?.getManifest?.().version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Every record (tombstones included), or one partnership and every record it refers to,
 * read in one transaction so the bundle is a consistent snapshot.
 */
export async function collectBundle(
  db: PulseDatabase,
  scope: ExportScope,
  options: ExportOptions = {},
): Promise<Bundle> {
  const { onProgress } = options;
  const now = options.now ?? Date.now();
  const records = coarsenAll(
    scope === 'all' ? await collectAll(db, onProgress) : await collectPartnership(db, scope.partnershipId, onProgress),
    now,
  );
  return {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    exportedAt: new Date(now).toISOString(),
    app: options.app ?? appVersion(),
    scope: scope === 'all' ? 'all' : { partnershipId: scope.partnershipId },
    ...(options.errorLog ? { errorLog: options.errorLog } : {}),
    ...records,
  };
}

type Records = BundleRecords;

async function collectAll(db: PulseDatabase, onProgress?: (done: number, total: number) => void): Promise<Records> {
  const records = await readStores(db, BUNDLE_STORES, onProgress);
  return { ...records, pulses: records.pulses.map(bundlePulse) };
}

async function collectPartnership(
  db: PulseDatabase,
  partnershipId: string,
  onProgress?: (done: number, total: number) => void,
): Promise<Records> {
  return inReadTransaction(db, BUNDLE_TX_STORES, async (tx) => {
    const total = 6;
    onProgress?.(0, total);
    const partnership = await tx.objectStore('partnerships').get(partnershipId);
    const [memberships, meetings, pulses] = await Promise.all([
      tx.objectStore('memberships').index('by-partnership').getAll(partnershipId),
      tx
        .objectStore('meetings')
        .index('by-partnership-start')
        .getAll(IDBKeyRange.bound([partnershipId, -Infinity], [partnershipId, Infinity])),
      tx.objectStore('pulses').index('by-partnership').getAll(partnershipId),
    ]);
    onProgress?.(2, total);
    const responses = (
      await Promise.all(pulses.map((pulse) => tx.objectStore('responses').index('by-pulse').getAll(pulse.id)))
    ).flat();
    onProgress?.(3, total);

    // Organisations it refers to, and the ones those were merged into.
    const organisationIds = new Set<string>();
    const addOrganisation = (id: string | undefined) => {
      if (id !== undefined) organisationIds.add(id);
    };
    memberships.forEach((m) => addOrganisation(m.organisationId));
    for (const meeting of meetings) {
      meeting.organisationIds.forEach(addOrganisation);
      meeting.attendees.forEach((a) => addOrganisation(a.organisationId));
      addOrganisation(meeting.chairOrganisationId);
    }
    pulses.forEach((p) => p.invitedOrganisationIds.forEach(addOrganisation));
    responses.forEach((r: PulseResponse) => addOrganisation(r.organisationId));

    // People of those organisations and people named in its meetings (and their organisations).
    const peopleOfOrganisations = await Promise.all(
      [...organisationIds].map((id) => tx.objectStore('people').index('by-organisation').getAll(id)),
    );
    const people = new Map<string, Person>(peopleOfOrganisations.flat().map((person) => [person.id, person]));
    const namedPeople = new Set<string>();
    for (const meeting of meetings) {
      meeting.attendees.forEach((a) => a.personId !== undefined && namedPeople.add(a.personId));
      if (meeting.chairPersonId !== undefined) namedPeople.add(meeting.chairPersonId);
    }
    const named = await Promise.all(
      [...namedPeople].filter((id) => !people.has(id)).map((id) => tx.objectStore('people').get(id)),
    );
    for (const person of named) {
      if (!person) continue;
      people.set(person.id, person);
      addOrganisation(person.organisationId);
    }
    onProgress?.(4, total);

    const organisations = new Map<string, Organisation>();
    let pending = [...organisationIds];
    while (pending.length > 0) {
      const found = await Promise.all(pending.map((id) => tx.objectStore('organisations').get(id)));
      pending = [];
      for (const organisation of found) {
        if (!organisation || organisations.has(organisation.id)) continue;
        organisations.set(organisation.id, organisation);
        if (organisation.mergedInto !== undefined && !organisations.has(organisation.mergedInto)) {
          pending.push(organisation.mergedInto);
        }
      }
    }
    onProgress?.(5, total);

    const usedTags = new Set(meetings.flatMap((m: Meeting) => m.purposeTagIds));
    const purposeTags = (await tx.objectStore('purposeTags').getAll()).filter(
      (tag: PurposeTag) => tag.builtIn !== undefined || usedTags.has(tag.id),
    );
    onProgress?.(total, total);
    return {
      partnerships: partnership ? [partnership] : [],
      organisations: [...organisations.values()],
      memberships,
      people: [...people.values()],
      purposeTags,
      meetings,
      pulses: joinPulses(
        pulses,
        (await Promise.all(pulses.map((p) => tx.objectStore('pulseSecrets').get(p.id)))).filter((x) => x !== undefined),
      ).map(bundlePulse),
      responses,
    };
  });
}

const RECORDS_PER_PART = 1_000;
/** Parts gathered into a Blob as they come, so the strings can go while the rest is written. */
const PARTS_PER_BLOB = 16;

/**
 * The bundle as JSON, built in parts (one string per thousand records, sixteen of them to a
 * Blob) so a 50 MB export never needs one giant string nor holds every string at once.
 * Records keep their stored field order.
 */
export function bundleToBlob(bundle: Bundle): Blob {
  const { format, version, exportedAt, app, scope, errorLog } = bundle;
  const blobs: Blob[] = [];
  let parts: string[] = [JSON.stringify({ format, version, exportedAt, app, scope }).slice(0, -1)];
  const push = (part: string) => {
    parts.push(part);
    if (parts.length < PARTS_PER_BLOB) return;
    blobs.push(new Blob(parts));
    parts = [];
  };
  if (errorLog) push(`,\n"errorLog":${JSON.stringify(errorLog)}`);
  for (const store of BUNDLE_STORES) {
    const records: readonly unknown[] = bundle[store];
    push(`,\n${JSON.stringify(store)}:[`);
    for (let start = 0; start < records.length; start += RECORDS_PER_PART) {
      const chunk = JSON.stringify(records.slice(start, start + RECORDS_PER_PART));
      push(start === 0 ? `\n${chunk.slice(1, -1)}` : `,\n${chunk.slice(1, -1)}`);
    }
    push(']');
  }
  push('}\n');
  return new Blob([...blobs, new Blob(parts)], { type: 'application/json' });
}

/** `partnership-pulse-2026-11-25.json`, or `partnership-pulse-2026-11-25-age-uk-north.json` for one partnership. */
export function bundleFileName(bundle: Bundle, partnershipName?: string): string {
  const day = bundle.exportedAt.slice(0, 10);
  const slug = (partnershipName ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return `partnership-pulse-${day}${slug ? `-${slug}` : ''}.json`;
}
