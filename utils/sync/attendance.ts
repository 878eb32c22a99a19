import type { Meeting, Stamped } from '../db/records';
import { countByOrganisation } from '../meeting/attendance/counts';
import type { CouchClient } from './http';

/**
 * Organisation-only attendance (docs/workspace.md): a workspace partnership shares attendance
 * as names and e-mails (`people`, the default) or by organisation only (`organisations`). For
 * the second, people's names and e-mails stay on the leads' machines:
 *
 * - **push** (`shareable`): its people never travel; a meeting travels with no attendees, chair
 *   name or chair person, but with its organisations and a count per organisation
 *   (`attendanceCounts`);
 * - **server** (`ORGANISATION_ONLY_VALIDATION`, part of that database's validate_doc_update):
 *   refuses, from anyone, a person and a meeting carrying attendees or a chair's name;
 * - **pull** (`withLocalNames`): a meeting without names never wipes the names this machine
 *   holds for it: the attendance stays as logged here, the other fields go newer-wins.
 */

export type AttendanceMode = 'people' | 'organisations';
export const ATTENDANCE_MODES: readonly AttendanceMode[] = ['people', 'organisations'];

/** A workspace document's entry: `organisations` only when it says so exactly. */
export function attendanceOf(entry: { attendance?: unknown }): AttendanceMode {
  return entry.attendance === 'organisations' ? 'organisations' : 'people';
}

/** The meeting as it travels without names: attendees, chair name and chair person out, counts in. */
export function stripNames(meeting: Meeting): Meeting {
  const { attendees, chairName: _name, chairPersonId: _person, attendanceCounts, ...rest } = meeting;
  return {
    ...rest,
    attendees: [],
    // Counts from the names here; a meeting that came without names keeps the counts it came with.
    attendanceCounts: attendees.length > 0 ? countByOrganisation(attendees) : (attendanceCounts ?? []),
  };
}

/** What of a record may go to an organisation-only partnership's database: nothing of a person. */
export function shareable(store: string, record: Stamped): Stamped | undefined {
  if (store === 'people') return undefined;
  return store === 'meetings' ? stripNames(record as Meeting) : record;
}

/** A meeting that came without names (stripNames): counts, and no attendees. */
export function isStripped(meeting: Meeting): boolean {
  return meeting.attendanceCounts !== undefined && meeting.attendees.length === 0;
}

/**
 * The incoming meeting with the attendance this machine logged (attendees, organisations,
 * chair) in place of its counts, when the stored copy has names; otherwise as it came.
 */
export function keepLocalNames(incoming: Meeting, stored: Meeting | undefined): Meeting {
  if (!stored || !isStripped(incoming) || stored.attendees.length === 0) return incoming;
  const {
    attendanceCounts: _counts,
    attendees: _attendees,
    organisationIds: _organisations,
    chairName: _name,
    chairPersonId: _person,
    chairOrganisationId: _chairOrganisation,
    ...rest
  } = incoming;
  const { attendees, organisationIds, chairName, chairPersonId, chairOrganisationId } = stored;
  return {
    ...rest,
    attendees,
    organisationIds,
    ...(chairName !== undefined ? { chairName } : {}),
    ...(chairPersonId !== undefined ? { chairPersonId } : {}),
    ...(chairOrganisationId !== undefined ? { chairOrganisationId } : {}),
  };
}

/**
 * The merge's hook (merge.ts): incoming meetings without names, each with the names stored
 * here kept. Reads only when a meeting came without names (a people-mode workspace reads nothing).
 */
export async function withLocalNames(
  incoming: Meeting[],
  readStored: (ids: string[]) => Promise<Array<Meeting | undefined>>,
): Promise<Meeting[]> {
  const stripped = incoming.filter(isStripped);
  if (stripped.length === 0) return incoming;
  const stored = await readStored(stripped.map((m) => m.id));
  const byId = new Map(stripped.map((m, i) => [m.id, keepLocalNames(m, stored[i])]));
  return incoming.map((m) => byId.get(m.id) ?? m);
}

/**
 * The partnerships of the workspace document at `path` that share attendance by organisation
 * only. No document (a workspace set up before this, or none yet): none.
 */
export async function organisationOnlyIn(client: CouchClient, path: string): Promise<Set<string>> {
  const answer = await client.request('GET', path, { accept: [200, 404] });
  const listed = (answer.body as { partnerships?: unknown } | null)?.partnerships;
  const ids = new Set<string>();
  if (answer.status !== 200 || !Array.isArray(listed)) return ids;
  for (const entry of listed as unknown[]) {
    const p = entry as { id?: unknown; attendance?: unknown } | null;
    if (p && typeof p.id === 'string' && attendanceOf(p) === 'organisations') ids.add(p.id);
  }
  return ids;
}

/** Every field of Meeting (checked both ways below): nothing else may ride along on the server. */
const MEETING_KEYS = [
  'id',
  'createdAt',
  'updatedAt',
  'deletedAt',
  'demo',
  'partnershipId',
  'status',
  'platform',
  'title',
  'startAt',
  'endAt',
  'kind',
  'purposeTagIds',
  'agenda',
  'attendees',
  'organisationIds',
  'chairName',
  'chairPersonId',
  'chairOrganisationId',
  'attendanceCounts',
  'decisions',
  'notes',
  'callKey',
] as const satisfies ReadonlyArray<keyof Meeting>;
/** A field added to Meeting and not listed above fails to compile here. */
const _everyField: [Exclude<keyof Meeting, (typeof MEETING_KEYS)[number]>] extends [never] ? true : never = true;

/**
 * Part of an organisation-only partnership database's validate_doc_update (layout.ts), ES5,
 * run for every writer, the admin included: the server never holds a name or an e-mail of it.
 * Uses the validator's `refuse`.
 */
export const ORGANISATION_ONLY_VALIDATION = `
  function checkOrganisationOnly(doc) {
    var why = 'This partnership shares attendance by organisation only: ';
    var meetingKeys = ${JSON.stringify(['_id', '_rev', '_revisions', 'type', ...MEETING_KEYS])};
    if (doc.type === 'people') refuse(why + 'people are never sent to the workspace.');
    if (doc.type !== 'meetings') return;
    for (var field in doc) {
      if (Object.prototype.hasOwnProperty.call(doc, field) && meetingKeys.indexOf(field) === -1)
        refuse(why + 'the field ' + field + ' is not a field of a meeting.');
    }
    if (!Array.isArray(doc.attendees) || doc.attendees.length > 0) refuse(why + 'a meeting carries no attendees, only attendanceCounts.');
    if (doc.chairName !== undefined || doc.chairPersonId !== undefined) refuse(why + 'a meeting carries no chair name or person.');
    var counts = doc.attendanceCounts;
    if (counts === undefined) return;
    if (!Array.isArray(counts)) refuse(why + 'attendanceCounts must be a list.');
    for (var i = 0; i < counts.length; i++) {
      var row = counts[i];
      if (typeof row !== 'object' || row === null || Array.isArray(row)) refuse(why + 'attendanceCounts[' + i + '] must be an object.');
      for (var key in row) {
        if (Object.prototype.hasOwnProperty.call(row, key) && key !== 'organisationId' && key !== 'count')
          refuse(why + 'attendanceCounts[' + i + '].' + key + ' is not one of its fields.');
      }
      if (typeof row.count !== 'number' || row.count < 1 || row.count % 1 !== 0) refuse(why + 'attendanceCounts[' + i + '].count must be a whole number from 1.');
      if (row.organisationId !== undefined && typeof row.organisationId !== 'string') refuse(why + 'attendanceCounts[' + i + '].organisationId must be an id.');
    }
  }`;
