import type { Meeting, Stamped } from '../db/records';
import { countByOrganisation } from '../meeting/attendance/counts';

/**
 * Organisation-only attendance (docs/workspace.md): a workspace partnership shares attendance
 * as names and e-mails (`people`, the default) or by organisation only (`organisations`). For
 * the second, people's names and e-mails stay on the leads' machines:
 *
 * - **push** (`shareable`): its people never travel; a meeting travels with no attendees, chair
 *   name or chair person, but with its organisations and a count per organisation
 *   (`attendanceCounts`);
 * - **server** (`organisationOnlyValidation` in attendance-validate.ts, part of that database's validate_doc_update):
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

/** What keepLocalNames keeps of the meeting as logged here. */
const LOGGED_HERE = ['attendees', 'organisationIds', 'chairName', 'chairPersonId', 'chairOrganisationId'] as const;

/**
 * The incoming meeting with the attendance this machine logged (attendees, organisations,
 * chair) in place of its counts, when the stored copy has names; otherwise as it came.
 */
export function keepLocalNames(incoming: Meeting, stored: Meeting | undefined): Meeting {
  if (!stored || !isStripped(incoming) || stored.attendees.length === 0) return incoming;
  const { attendanceCounts: _counts, ...kept } = incoming;
  // Each field as stored here, absent where it is absent here.
  const fields: Record<string, unknown> = kept;
  for (const field of LOGGED_HERE) {
    fields[field] = stored[field];
    if (fields[field] === undefined) delete fields[field];
  }
  return kept;
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
