import type { ListsEveryKey, Meeting } from '../db/records';

/**
 * The server's side of organisation-only attendance (attendance.ts): run in CouchDB, its
 * refusals are CouchDB's, not the extension's text.
 */

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
const _everyField: ListsEveryKey<Meeting, typeof MEETING_KEYS> = true;

/**
 * Part of an organisation-only partnership database's validate_doc_update (layout.ts), ES5,
 * run for every writer, the admin included: the server never holds a name or an e-mail of it.
 * Uses the validator's `refuse`.
 */
export const organisationOnlyValidation = () => `
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
