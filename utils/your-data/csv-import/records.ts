import type { BundleRecords } from '../bundle/format';
import { ProblemList } from '../bundle/problems';
import {
  DEFAULT_CADENCE,
  DIMENSIONS,
  type Answer,
  type Dimension,
  type Membership,
  type Organisation,
  type Partnership,
  type PartnerType,
  type PulseResponse,
} from '../../db/records';
import { t, type MessageKey } from '../../i18n/messages';
import { groupBy, pushTo } from '../../collections/group';
import { isMemberOn } from '../../meeting/matching/expected';
import { calendarDate } from '../../time/calendar';
import { FUTURE_SLACK_MS } from '../../db/stamp';
import { buildQuestions, defaultCoreWording } from '../../pulse/questions';
import type { BundlePulse } from '../bundle/format';
import type { ImportContext } from './context';
import { importId } from './ids';
import type { ColumnMapping } from './mapping';
import { rowName, type CsvTable } from './parse';
import { partnerTypeNames, readAnswer, readDate, readPartnerType, type ImportScale } from './values';

/**
 * The rows of an earlier survey as records: one closed pulse per partnership per calendar month
 * of answers (the four core questions, as a new pulse of that partnership would ask them), one
 * response per row (source 'import'), and the partnerships, organisations and memberships the
 * rows name that do not exist yet (names matched ignoring case and spaces). Ids come from what
 * the records are, stamps from the rows, never from the clock or the file's bytes, so the same
 * rows give the same records whichever export of the survey they come from (see `responseKey`).
 * A row with a problem is listed and left out.
 */

export interface NamedRef {
  id: string;
  name: string;
  /** Not stored yet: the import will create it. */
  isNew: boolean;
}

export interface ImportRow {
  row: number;
  at: number;
  partnership: NamedRef;
  partnerType: PartnerType;
  organisation?: NamedRef;
  answers: Partial<Record<Dimension, Answer>>;
  comment?: string;
  /** What the row says, whatever the mapping: see `responseKey`. */
  content: string;
}

export type ImportRecords = Pick<
  BundleRecords,
  'partnerships' | 'organisations' | 'memberships' | 'pulses' | 'responses'
>;

export interface ImportBuild {
  /** Problems with the mapping itself: nothing can be imported until they are fixed. */
  mappingErrors: MessageKey[];
  rows: ImportRow[];
  problems: ProblemList;
  records: ImportRecords;
}

export const nameKey = (name: string) => name.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();

const SCALE_KEYS: Record<ImportScale, MessageKey> = {
  agree5: 'csvImport_scale_agree5',
  oneTen: 'csvImport_scale_oneTen',
  zeroTen: 'csvImport_scale_zeroTen',
};
export const scaleLabelKey = (scale: ImportScale) => SCALE_KEYS[scale];

export function mappingErrors(mapping: ColumnMapping): MessageKey[] {
  const errors: MessageKey[] = [];
  if (mapping.date === null) errors.push('csvImport_needDate');
  if ('name' in mapping.partnership && mapping.partnership.name.trim() === '') errors.push('csvImport_needPartnership');
  if (DIMENSIONS.every((d) => mapping.dimensions[d].column === null)) errors.push('csvImport_needDimension');
  if (mapping.partnerType === null && mapping.organisation === null) errors.push('csvImport_needPartnerType');
  return errors;
}

export function buildImport(
  table: CsvTable,
  mapping: ColumnMapping,
  context: ImportContext,
  file: { name: string },
  /** This computer's clock: a row dated more than FUTURE_SLACK_MS after it is refused. */
  now: number = Date.now(),
): ImportBuild {
  const problems = new ProblemList(file.name);
  const empty: ImportRecords = { partnerships: [], organisations: [], memberships: [], pulses: [], responses: [] };
  const errors = mappingErrors(mapping);
  if (errors.length > 0) return { mappingErrors: errors, rows: [], problems, records: empty };

  const partnerships = namedIndex(context.partnerships, (name) => importId(`partnership:${nameKey(name)}`));
  const organisations = namedIndex(context.organisations, (name) => importId(`organisation:${nameKey(name)}`));
  const memberships = groupBy(context.memberships, (m) => `${m.partnershipId}:${m.organisationId}`);
  const membershipsOf = (partnershipId: string, organisationId: string) =>
    memberships.get(`${partnershipId}:${organisationId}`) ?? [];

  const typeNames = partnerTypeNames();
  const rows: ImportRow[] = [];
  for (const { row, cells } of table.rows) {
    // Line breaks inside a cell as \n, whichever the file used: a comment reads the same from either.
    const cell = (column: number | null) =>
      column === null ? '' : (cells[column] ?? '').replace(/\r\n?/g, '\n').trim();
    let bad = false;
    const problem = (column: number | null, key: MessageKey, ...subs: string[]) => {
      bad = true;
      problems.add(
        { record: rowName(row), ...(column === null ? {} : { field: table.columns[column] }) },
        key,
        ...subs,
      );
    };

    const at = readDate(cell(mapping.date), mapping.dateOrder);
    if (at === null)
      problem(mapping.date, cell(mapping.date) ? 'csvImport_badDate' : 'csvImport_noDate', cell(mapping.date));
    // An answer cannot come from the future (a typo'd year, a forged row): named here, by its row.
    else if (at > now + FUTURE_SLACK_MS) problem(mapping.date, 'csvImport_futureDate', cell(mapping.date));
    const partnershipColumn = 'column' in mapping.partnership ? mapping.partnership.column : null;
    const partnershipName = 'column' in mapping.partnership ? cell(partnershipColumn) : mapping.partnership.name.trim();
    if (partnershipName === '') problem(partnershipColumn, 'csvImport_noPartnership');

    const answers: Partial<Record<Dimension, Answer>> = {};
    for (const dimension of DIMENSIONS) {
      const { column, scale } = mapping.dimensions[dimension];
      if (column === null) continue;
      const answer = readAnswer(cell(column), scale);
      if (!answer.ok) problem(column, 'csvImport_notOnScale', cell(column), t(scaleLabelKey(scale)));
      else if (answer.value !== undefined) answers[dimension] = answer.value;
    }
    if (!bad && Object.keys(answers).length === 0) problem(null, 'csvImport_noAnswers');

    const organisationName = cell(mapping.organisation);
    const partnership = partnershipName ? partnerships.find(partnershipName) : undefined;
    const organisation = organisationName ? organisations.find(organisationName) : undefined;
    let partnerType: PartnerType | undefined;
    if (mapping.partnerType !== null) {
      partnerType = readPartnerType(cell(mapping.partnerType), typeNames);
      if (!partnerType) problem(mapping.partnerType, 'csvImport_badPartnerType', cell(mapping.partnerType));
    } else if (!organisation) {
      problem(mapping.organisation, 'csvImport_noOrganisationForType');
    } else if (partnership && at !== null) {
      const memberships = membershipsOf(partnership.id, organisation.id);
      const membership = memberships.find((m) => isMemberOn(m, at)) ?? memberships.at(-1);
      partnerType = membership?.partnerType;
      if (!partnerType) problem(mapping.organisation, 'csvImport_notAMember', organisation.name, partnership.name);
    }
    if (bad || at === null || !partnership || !partnerType) continue;

    const comment = cell(mapping.comment);
    rows.push({
      row,
      at,
      partnership: partnerships.use(partnership),
      partnerType,
      ...(organisation ? { organisation: organisations.use(organisation) } : {}),
      answers,
      ...(comment ? { comment } : {}),
      content: rowContent(cells),
    });
  }
  return { mappingErrors: [], rows, problems, records: toRecords(rows, context, membershipsOf) };
}

/**
 * A row's cells that are not empty, in order, each trimmed with its spaces and line breaks
 * collapsed (a comment over two lines reads the same from a CRLF and an LF file).
 */
function rowContent(cells: readonly string[]): string {
  const texts = cells.map((cell) => cell.normalize('NFC').replace(/\s+/g, ' ').trim()).filter((cell) => cell !== '');
  return JSON.stringify(texts);
}

/**
 * What makes an imported response the same one again: its partnership and what its row says
 * (every cell that is not empty, in the file's order, whether mapped or not), then how many
 * rows before it in the file say exactly the same (so two alike answers stay two). Not the row
 * number: a later export with more rows, or the same rows in another file, gives the same ids.
 *
 * The key does not depend on the mapping either: the same file mapped differently (another
 * scale, the comment column left out, the date order switched) gives the same ids, so its
 * answers are not added a second time; where they now read differently the preview lists them
 * as conflicts (same stamp, other content: the stored ones are kept), or as updates or kept
 * local copies when the date reads differently. A column added to the form later is empty in
 * the old rows and changes nothing; an old row whose cells changed (an edited answer) is a new
 * response.
 */
function responseKey(row: ImportRow, occurrence: number): string {
  return `response:${row.partnership.id}:${row.content}#${occurrence}`;
}

function toRecords(
  rows: readonly ImportRow[],
  context: ImportContext,
  membershipsOf: (partnershipId: string, organisationId: string) => Membership[],
): ImportRecords {
  const records: ImportRecords = { partnerships: [], organisations: [], memberships: [], pulses: [], responses: [] };
  const first = new Map<string, { at: number; row: ImportRow }>();
  const earliest = (key: string, row: ImportRow) => {
    const seen = first.get(key);
    if (!seen || row.at < seen.at) first.set(key, { at: row.at, row });
  };
  const months = new Map<string, ImportRow[]>();
  const alike = new Map<string, number>();
  const responseIds = new Map<ImportRow, string>();
  for (const row of rows) {
    const sameAs = responseKey(row, 0);
    const occurrence = alike.get(sameAs) ?? 0;
    alike.set(sameAs, occurrence + 1);
    responseIds.set(row, importId(responseKey(row, occurrence)));
    if (row.partnership.isNew) earliest(`p:${row.partnership.id}`, row);
    if (row.organisation?.isNew) earliest(`o:${row.organisation.id}`, row);
    if (row.organisation && membershipsOf(row.partnership.id, row.organisation.id).length === 0) {
      earliest(`m:${row.partnership.id}:${row.organisation.id}`, row);
    }
    const date = new Date(row.at);
    const key = `${row.partnership.id}:${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
    pushTo(months, key, row);
  }
  for (const [key, { at, row }] of first) {
    const stamps = { createdAt: at, updatedAt: at };
    if (key.startsWith('p:')) {
      const partnership: Partnership = {
        id: row.partnership.id,
        name: row.partnership.name,
        startDate: calendarDate(at),
        cadence: { ...DEFAULT_CADENCE },
        ...stamps,
      };
      records.partnerships.push(partnership);
    } else if (key.startsWith('o:')) {
      const organisation: Organisation = {
        id: row.organisation!.id,
        name: row.organisation!.name,
        emailDomains: [],
        ...stamps,
      };
      records.organisations.push(organisation);
    } else {
      records.memberships.push({
        id: importId(`membership:${row.partnership.id}:${row.organisation!.id}`),
        partnershipId: row.partnership.id,
        organisationId: row.organisation!.id,
        partnerType: row.partnerType,
        joinedOn: calendarDate(at),
        ...stamps,
      });
    }
  }
  for (const [key, group] of months) {
    const { partnership } = group[0]!;
    const start = new Date(group[0]!.at);
    const periodStart = new Date(start.getFullYear(), start.getMonth(), 1).getTime();
    const periodEnd = new Date(start.getFullYear(), start.getMonth() + 1, 1).getTime() - 1;
    // Not Math.max(...): a month of 150,000 rows would overflow the call stack with its arguments.
    const last = group.reduce((latest, row) => Math.max(latest, row.at), Number.NEGATIVE_INFINITY);
    // One pulse per partnership per month, whichever file its answers came from.
    const pulseId = importId(`pulse:${key}`);
    const pulse: BundlePulse = {
      id: pulseId,
      partnershipId: partnership.id,
      periodStart,
      periodEnd,
      questions: buildQuestions({ ...defaultCoreWording(), ...context.wording.get(partnership.id) }),
      invitedOrganisationIds: [],
      // Closed with its last answer: the survey is over.
      expiresAt: last,
      threshold: context.threshold,
      createdAt: last,
      updatedAt: last,
    };
    records.pulses.push(pulse);
    for (const row of group) {
      const response: PulseResponse = {
        id: responseIds.get(row)!,
        pulseId,
        partnerType: row.partnerType,
        ...(row.organisation ? { organisationId: row.organisation.id } : {}),
        answers: row.answers,
        ...(row.comment ? { comment: row.comment } : {}),
        source: 'import',
        receivedAt: row.at,
        // The lead's own earlier survey, one row per answer: counted like answers through seats.
        verified: true,
        createdAt: row.at,
        updatedAt: row.at,
      };
      records.responses.push(response);
    }
  }
  return records;
}

/** Existing records by normalised name, and new ones made on first use with an id from the name. */
function namedIndex(existing: ReadonlyArray<{ id: string; name: string }>, newId: (name: string) => string) {
  const byName = new Map<string, NamedRef>();
  for (const record of existing) {
    const key = nameKey(record.name);
    if (!byName.has(key)) byName.set(key, { id: record.id, name: record.name, isNew: false });
  }
  const used = new Map<string, NamedRef>();
  return {
    /** The existing record of that name, or the one this import will create (the first spelling seen). */
    find(name: string): NamedRef {
      const key = nameKey(name);
      return (
        byName.get(key) ?? used.get(key) ?? { id: newId(name), name: name.replace(/\s+/g, ' ').trim(), isNew: true }
      );
    },
    use(ref: NamedRef): NamedRef {
      const key = nameKey(ref.name);
      if (ref.isNew && !used.has(key)) used.set(key, ref);
      return used.get(key) ?? ref;
    },
  };
}
