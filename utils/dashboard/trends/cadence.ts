import { builtInPurposeId } from '../../db/built-in-purposes';
import type { CadenceTargets, Meeting, Partnership } from '../../db/records';
import { dateIn, daysBetween } from '../../time/calendar';

/**
 * Meeting cadence against the partnership's targets (core every 4–6 weeks, wider every
 * 3 months, the annual review), in calendar days of the user's time zone: a meeting at 23:30
 * and "now" at 00:10 are a day apart, and a daylight-saving change never makes a day 23 or
 * 25 hours long.
 */

export type CadenceKind = 'core' | 'wider' | 'review';
export const CADENCE_KINDS: readonly CadenceKind[] = ['core', 'wider', 'review'];

/** Days before the target when a wider meeting or the review is "due" (core: from coreMinDays). */
export const WIDER_DUE_WINDOW_DAYS = 14;
export const REVIEW_DUE_WINDOW_DAYS = 30;

const REVIEW_PURPOSE = builtInPurposeId('review');

type MeetingLike = Pick<
  Meeting,
  'id' | 'partnershipId' | 'status' | 'startAt' | 'kind' | 'purposeTagIds' | 'deletedAt'
>;

/**
 * What a meeting counts for. A review meeting, or any meeting tagged "annual review" (the
 * review is ideally held as 1:1 consultations), counts as the review; a core meeting tagged
 * so counts for both.
 */
export function cadenceKindsOf(meeting: Pick<Meeting, 'kind' | 'purposeTagIds'>): CadenceKind[] {
  const kinds: CadenceKind[] = [];
  if (meeting.kind === 'core') kinds.push('core');
  if (meeting.kind === 'wider') kinds.push('wider');
  if (meeting.kind === 'review' || meeting.purposeTagIds.includes(REVIEW_PURPOSE)) kinds.push('review');
  return kinds;
}

/** The most days a gap may last before it is late. */
export function targetDays(cadence: CadenceTargets, kind: CadenceKind): number {
  return kind === 'core' ? cadence.coreMaxDays : kind === 'wider' ? cadence.widerDays : cadence.reviewDays;
}

/** From how many days since the last meeting the next one is due. */
export function dueAfterDays(cadence: CadenceTargets, kind: CadenceKind): number {
  if (kind === 'core') return cadence.coreMinDays;
  const window = kind === 'wider' ? WIDER_DUE_WINDOW_DAYS : REVIEW_DUE_WINDOW_DAYS;
  return Math.max(0, targetDays(cadence, kind) - window);
}

function held<M extends MeetingLike>(meetings: readonly M[], asOf: number): M[] {
  return meetings
    .filter((m) => m.status === 'held' && m.deletedAt === undefined && m.startAt <= asOf)
    .sort((a, b) => a.startAt - b.startAt);
}

export interface MeetingGap {
  meetingId: string;
  partnershipId: string;
  kind: CadenceKind;
  startAt: number;
  /** Calendar days since the previous meeting of the kind; null for the first one seen. */
  daysSincePrevious: number | null;
  targetDays: number;
  late: boolean;
}

/**
 * Every held meeting of one partnership with the days since the one before it of the same
 * kind, oldest first. `previous` gives the last meeting of each kind before the ones passed
 * (when only a date range was read), so the first gap in the range is known too.
 */
export function cadenceGaps(
  partnership: Pick<Partnership, 'id' | 'cadence'>,
  meetings: readonly MeetingLike[],
  options: { timeZone: string; asOf: number; previous?: Partial<Record<CadenceKind, number>> },
): MeetingGap[] {
  const last: Partial<Record<CadenceKind, string>> = {};
  for (const kind of CADENCE_KINDS) {
    const at = options.previous?.[kind];
    if (at !== undefined) last[kind] = dateIn(at, options.timeZone);
  }
  const gaps: MeetingGap[] = [];
  for (const meeting of held(meetings, options.asOf)) {
    if (meeting.partnershipId !== partnership.id) continue;
    const date = dateIn(meeting.startAt, options.timeZone);
    for (const kind of cadenceKindsOf(meeting)) {
      const previous = last[kind];
      const days = previous === undefined ? null : daysBetween(previous, date);
      const target = targetDays(partnership.cadence, kind);
      gaps.push({
        meetingId: meeting.id,
        partnershipId: partnership.id,
        kind,
        startAt: meeting.startAt,
        daysSincePrevious: days,
        targetDays: target,
        late: days !== null && days > target,
      });
      last[kind] = date;
    }
  }
  return gaps;
}

/** The latest held meeting of each kind (epoch ms), of meetings of one partnership. */
export function lastOfKinds(meetings: readonly MeetingLike[], asOf: number): Partial<Record<CadenceKind, number>> {
  const last: Partial<Record<CadenceKind, number>> = {};
  for (const meeting of held(meetings, asOf)) {
    for (const kind of cadenceKindsOf(meeting)) last[kind] = meeting.startAt;
  }
  return last;
}

export type CadenceState = 'ok' | 'due' | 'overdue';

export interface CadenceStatus {
  partnershipId: string;
  kind: CadenceKind;
  /** The last meeting of the kind, if there was one. */
  lastAt?: number;
  /** Days since it, or since the partnership started when there was none. */
  daysSince: number;
  since: 'meeting' | 'start';
  targetDays: number;
  dueAfterDays: number;
  state: CadenceState;
}

/** Days since the last core / wider meeting and review, against the targets, as of `asOf`. */
export function cadenceStatus(
  partnership: Pick<Partnership, 'id' | 'cadence' | 'startDate'>,
  last: Partial<Record<CadenceKind, number>>,
  options: { timeZone: string; asOf: number },
): CadenceStatus[] {
  const today = dateIn(options.asOf, options.timeZone);
  return CADENCE_KINDS.map((kind) => {
    const lastAt = last[kind];
    const daysSince =
      lastAt === undefined
        ? Math.max(0, daysBetween(partnership.startDate, today))
        : daysBetween(dateIn(lastAt, options.timeZone), today);
    const target = targetDays(partnership.cadence, kind);
    const due = dueAfterDays(partnership.cadence, kind);
    return {
      partnershipId: partnership.id,
      kind,
      ...(lastAt === undefined ? {} : { lastAt }),
      daysSince,
      since: lastAt === undefined ? 'start' : 'meeting',
      targetDays: target,
      dueAfterDays: due,
      state: daysSince > target ? 'overdue' : daysSince > due ? 'due' : 'ok',
    };
  });
}
