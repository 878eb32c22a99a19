import type { Meeting } from '../../db/records';
import { chairNameOf, type MeetingFormValues, type SeriesReason, type SeriesSource } from './form';
import { sameOccasion } from './occasion';

type SeriesMeeting = Pick<
  Meeting,
  | 'id'
  | 'partnershipId'
  | 'status'
  | 'startAt'
  | 'kind'
  | 'purposeTagIds'
  | 'agenda'
  | 'chairName'
  | 'chairPersonId'
  | 'attendees'
  | 'callKey'
  | 'deletedAt'
>;

export type { SeriesReason, SeriesSource };

/**
 * The last meeting of the series this one belongs to: the latest held meeting on the same
 * call link (a recurring call reuses its link; a calendar series does too), else the
 * partnership's latest held meeting of the same kind. Never the meeting itself (same
 * occasion), nor one after it.
 */
export function seriesSource<M extends SeriesMeeting>(
  meetings: readonly M[],
  query: { callKey?: string | null; partnershipId?: string; kind?: Meeting['kind']; at: number },
): { meeting: M; reason: SeriesReason } | null {
  const earlier = meetings
    .filter((m) => m.status === 'held' && m.deletedAt === undefined && m.startAt < query.at)
    .filter((m) => !sameOccasion(m.startAt, query.at))
    .sort((a, b) => b.startAt - a.startAt);
  const byCall = query.callKey ? earlier.find((m) => m.callKey === query.callKey) : undefined;
  if (byCall) return { meeting: byCall, reason: 'call' };
  const byKind =
    query.partnershipId && query.kind
      ? earlier.find((m) => m.partnershipId === query.partnershipId && m.kind === query.kind)
      : undefined;
  return byKind ? { meeting: byKind, reason: 'kind' } : null;
}

/** The form with the series' kind, purposes, agenda and chair (and its partnership, if none is chosen). */
export function carrySeries(
  form: MeetingFormValues,
  source: { meeting: SeriesMeeting; reason: SeriesReason },
): MeetingFormValues {
  const { meeting, reason } = source;
  // The same call link names the partnership better than any guess; a lead's own choice stays.
  const takePartnership = reason === 'call' && (!form.partnershipId || form.partnershipGuessed);
  return {
    ...form,
    ...(takePartnership ? { partnershipId: meeting.partnershipId, partnershipGuessed: false } : {}),
    kind: meeting.kind,
    purposeTagIds: [...meeting.purposeTagIds],
    agenda: meeting.agenda,
    chairName: chairNameOf(meeting),
    series: { meetingId: meeting.id, startAt: meeting.startAt, reason },
  };
}

/** Undoes carrySeries in one click: the form's own defaults again, and no series carried from now on. */
export function dropSeries(form: MeetingFormValues, defaults: MeetingFormValues): MeetingFormValues {
  return {
    ...form,
    kind: defaults.kind,
    purposeTagIds: defaults.purposeTagIds,
    agenda: defaults.agenda,
    chairName: defaults.chairName,
    series: 'none',
  };
}

/** A new form on a call link, with the series of the earlier meetings on that link if there is one. */
export function withCallSeries(
  form: MeetingFormValues,
  onLink: readonly SeriesMeeting[],
  at: number,
): MeetingFormValues {
  const found = seriesSource(onLink, { callKey: form.callKey, at });
  return found ? carrySeries(form, found) : form;
}
