// The start-a-pulse form's rules, kept out of components/pulse/StartPulse.tsx so they can be
// tested without a page: what the form holds, who is invited by default, what is wrong, and
// the NewPulse it becomes.
import {
  DIMENSIONS,
  type Dimension,
  type Meeting,
  type Membership,
  type Organisation,
  type PartnerType,
  type QuestionScale,
} from '../db/records';
import type { NewPulse } from '../db/pulses';
import { isThreshold } from '../db/threshold';
import { currentMembers } from '../meeting/matching/expected';
import { calendarDate, DAY_MS } from '../time/calendar';
import { buildQuestions } from './questions';
import type { AddedSeat } from './seat-list';

export interface StartFormValues {
  partnershipId: string;
  /** '' for a period pulse. */
  meetingId: string;
  /** Calendar dates (YYYY-MM-DD), used when there is no meeting. */
  periodStart: string;
  periodEnd: string;
  wording: Record<Dimension, string>;
  extras: Array<{ wording: string; scale: QuestionScale }>;
  invited: string[];
  /** As typed: numbers are checked by startFormErrors. */
  days: string;
  threshold: string;
}

export type StartFormError = 'required' | 'periodOrder' | 'days' | 'threshold';

export interface StartFormErrors {
  partnership?: StartFormError;
  period?: StartFormError;
  wording: Partial<Record<Dimension, StartFormError>>;
  extras: Array<StartFormError | undefined>;
  days?: StartFormError;
  threshold?: StartFormError;
}

export function emptyStartForm(now: number, wording: Record<Dimension, string>, days: number): StartFormValues {
  return {
    partnershipId: '',
    meetingId: '',
    periodStart: calendarDate(now - 28 * DAY_MS),
    periodEnd: calendarDate(now),
    wording,
    extras: [],
    invited: [],
    days: String(days),
    threshold: '',
  };
}

/**
 * The organisations a pulse invites by default: those present at its meeting, or else the
 * partnership's members on `today` (the one membership rule, isMemberOn: joined on or before
 * today, not yet left).
 */
export function defaultInvited(
  memberships: readonly Membership[],
  partnershipId: string,
  today: number,
  meeting?: Pick<Meeting, 'organisationIds'>,
): string[] {
  if (meeting) return [...meeting.organisationIds];
  return currentMembers(
    memberships.filter((m) => m.partnershipId === partnershipId),
    today,
  ).map((m) => m.organisationId);
}

export function startFormErrors(form: StartFormValues): StartFormErrors {
  const days = Number(form.days);
  const threshold = Number(form.threshold);
  const period = form.meetingId
    ? undefined
    : !form.periodStart || !form.periodEnd
      ? 'required'
      : form.periodEnd < form.periodStart
        ? 'periodOrder'
        : undefined;
  const wording: StartFormErrors['wording'] = {};
  for (const dimension of DIMENSIONS) if (!form.wording[dimension]?.trim()) wording[dimension] = 'required';
  return {
    ...(form.partnershipId ? {} : { partnership: 'required' }),
    ...(period ? { period } : {}),
    wording,
    extras: form.extras.map((extra) => (extra.wording.trim() ? undefined : 'required')),
    ...(Number.isInteger(days) && days >= 1 ? {} : { days: 'days' }),
    ...(isThreshold(threshold) ? {} : { threshold: 'threshold' }),
  };
}

export function hasStartFormErrors(errors: StartFormErrors): boolean {
  return Boolean(
    errors.partnership ||
    errors.period ||
    Object.values(errors.wording).some(Boolean) ||
    errors.extras.some(Boolean) ||
    errors.days ||
    errors.threshold,
  );
}

/** A calendar date in local time, from its start (or, with `endOfDay`, its last millisecond). */
function dateToMs(date: string, endOfDay = false): number {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y!, m! - 1, d! + (endOfDay ? 1 : 0)).getTime() - (endOfDay ? 1 : 0);
}

/** The pulse a valid form starts (call startFormErrors first). */
export function startFormToPulse(form: StartFormValues, now: number): NewPulse {
  return {
    partnershipId: form.partnershipId,
    ...(form.meetingId
      ? { meetingId: form.meetingId }
      : { periodStart: dateToMs(form.periodStart), periodEnd: dateToMs(form.periodEnd, true) }),
    questions: buildQuestions(form.wording, form.extras),
    invitedOrganisationIds: form.invited,
    expiresAt: now + Number(form.days) * DAY_MS,
    threshold: Number(form.threshold),
  };
}

/**
 * Everything typed or chosen in the start form, kept as a draft until the pulse starts: the
 * form's values and the seat choices (people added by name, people unticked, the half-typed name).
 */
export interface StartPulseDraft {
  form: StartFormValues;
  addedSeats: AddedSeat[];
  unticked: string[];
  seatName: string;
  seatOrganisation: string;
}

/** A fresh draft around the form's starting values. */
export function startPulseDraft(form: StartFormValues): StartPulseDraft {
  return { form, addedSeats: [], unticked: [], seatName: '', seatOrganisation: '' };
}

/**
 * The draft key of the start form: one per meeting when opened from a meeting, else one per
 * partnership (the one the form opened with; '' when there is none yet).
 */
export function startPulseDraftKey(opened: { meetingId?: string; partnershipId: string }): string {
  return opened.meetingId
    ? `start-pulse:meeting:${opened.meetingId}`
    : `start-pulse:partnership:${opened.partnershipId}`;
}

/**
 * The organisations the invite list offers: the partnership's current members, those present at
 * the chosen meeting and those already ticked, each once, labelled with its partner type when it
 * is a member. An organisation not in `organisations` is left out.
 */
export function inviteOptions(input: {
  partnershipId: string;
  memberships: readonly Membership[];
  organisations: readonly Organisation[];
  today: number;
  meeting?: Pick<Meeting, 'organisationIds'>;
  invited: readonly string[];
  label: (name: string, partnerType: PartnerType | undefined) => string;
}): Array<{ value: string; label: string }> {
  const ids = new Set([
    ...defaultInvited(input.memberships, input.partnershipId, input.today),
    ...(input.meeting?.organisationIds ?? []),
    ...input.invited,
  ]);
  return [...ids].flatMap((id) => {
    const organisation = input.organisations.find((o) => o.id === id);
    if (!organisation) return [];
    const membership = input.memberships.find(
      (m) => m.partnershipId === input.partnershipId && m.organisationId === id,
    );
    return [{ value: id, label: input.label(organisation.name, membership?.partnerType) }];
  });
}

/** The seats unticked once one organisation's ticks become `ticked` (the other organisations' kept). */
export function untickedAfter(
  unticked: readonly string[],
  groupKeys: readonly string[],
  ticked: readonly string[],
): string[] {
  return [...unticked.filter((key) => !groupKeys.includes(key)), ...groupKeys.filter((key) => !ticked.includes(key))];
}
