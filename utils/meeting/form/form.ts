import { pushTo } from '../../collections/group';
import { LIMITS } from '../../db/limits';
import type {
  AgendaAgreed,
  AttendanceCount,
  Attendee,
  Meeting,
  MeetingKind,
  MeetingPlatform,
  MeetingStatus,
  Person,
} from '../../db/records';
import type { LiveCall } from '../attendance/live-call';
import type { CalendarEvent } from '../../platforms/snapshot';
import { normaliseName } from '../../db/normalise';
import { nameKey } from '../../platforms/text';
import { addressFits, rememberedIndex, sameOwner } from '../matching/same-person';
import { fromLocalInput, toLocalInput } from '../../time/local-time';

export type SeriesReason = 'call' | 'kind';

/** Where a new meeting's kind, purposes, agenda and chair came from. */
export interface SeriesSource {
  meetingId: string;
  startAt: number;
  reason: SeriesReason;
}

/** One row of the attendee list as the lead edits it. */
export interface AttendeeEntry {
  name: string;
  email?: string;
  /** Chosen by hand in this form; otherwise the remembered mapping applies. */
  organisationId?: string;
  firstSeenAt?: number;
  lastSeenAt?: number;
  fromCall: boolean;
  /** A calendar guest: attended only once seen on the call. */
  invited?: boolean;
}

/** Everything the meeting form holds: exactly what a draft stores. */
export interface MeetingFormValues {
  meetingId?: string;
  status: MeetingStatus;
  partnershipId: string;
  /** The partnership was filled in by a guess, not chosen by the lead. */
  partnershipGuessed: boolean;
  title: string;
  platform: MeetingPlatform;
  start: string;
  end: string;
  kind: MeetingKind;
  purposeTagIds: string[];
  agenda: AgendaAgreed;
  chairName: string;
  attendees: AttendeeEntry[];
  /** Names removed by hand: the live call must not bring them back. */
  removedNames: string[];
  decisions: string;
  notes: string;
  callKey?: string;
  /**
   * A meeting that came through a workspace with counts per organisation and no names
   * (utils/sync/attendance.ts): kept as they are while nobody is listed.
   */
  attendanceCounts?: AttendanceCount[];
  /** The earlier meeting of the series whose kind, purposes, agenda and chair this form carries; 'none' once the lead said no. */
  series?: SeriesSource | 'none';
}

export type FormErrors = Partial<
  Record<
    'partnershipId' | 'title' | 'start' | 'end' | 'decisions' | 'notes',
    'required' | 'invalid' | 'endBeforeStart' | 'tooLongTitle' | 'tooLongText'
  >
>;

export function emptyForm(now: number, partnershipId = ''): MeetingFormValues {
  return {
    status: 'held',
    partnershipId,
    partnershipGuessed: false,
    title: '',
    platform: 'in-person',
    start: toLocalInput(now),
    end: '',
    kind: 'core',
    purposeTagIds: [],
    agenda: 'not-yet',
    chairName: '',
    attendees: [],
    removedNames: [],
    decisions: '',
    notes: '',
  };
}

export function formFromLiveCall(call: LiveCall, partnershipId = ''): MeetingFormValues {
  const form: MeetingFormValues = {
    ...emptyForm(call.startedAt, partnershipId),
    title: call.title ?? '',
    platform: call.platform,
    callKey: call.callKey ?? undefined,
  };
  return mergeLiveAttendees(form, call);
}

export function formFromCalendarEvent(event: CalendarEvent, now: number, partnershipId = ''): MeetingFormValues {
  const start = event.start ? Date.parse(event.start) : NaN;
  const end = event.end ? Date.parse(event.end) : NaN;
  return {
    ...emptyForm(Number.isNaN(start) ? now : start, partnershipId),
    status: 'planned',
    title: event.title,
    platform: platformOfCallKey(event.callKey) ?? 'in-person',
    end: Number.isNaN(end) ? '' : toLocalInput(end),
    callKey: event.callKey ?? undefined,
    // A guest known by name only (an Outlook persona card) is matched by that name.
    attendees: event.guests.flatMap((guest) => {
      const name = guest.name ?? guest.email;
      if (!name) return [];
      return [{ name, ...(guest.email ? { email: guest.email } : {}), fromCall: false, invited: true as const }];
    }),
  };
}

/**
 * Who chaired, by the name the chair select shows: the stored name, else the name the chair
 * person was listed under (the sample data and records from a file name the chair by person only).
 */
export function chairNameOf(meeting: Pick<Meeting, 'chairName' | 'chairPersonId' | 'attendees'>): string {
  if (meeting.chairName) return meeting.chairName;
  if (meeting.chairPersonId === undefined) return '';
  return meeting.attendees.find((a) => a.personId === meeting.chairPersonId)?.displayName ?? '';
}

export function formFromMeeting(meeting: Meeting): MeetingFormValues {
  return {
    meetingId: meeting.id,
    status: meeting.status,
    partnershipId: meeting.partnershipId,
    partnershipGuessed: false,
    title: meeting.title,
    platform: meeting.platform,
    start: toLocalInput(meeting.startAt),
    end: meeting.endAt === undefined ? '' : toLocalInput(meeting.endAt),
    kind: meeting.kind,
    purposeTagIds: [...meeting.purposeTagIds],
    agenda: meeting.agenda,
    chairName: chairNameOf(meeting),
    attendees: meeting.attendees.map((a) => ({
      name: a.displayName,
      email: a.email,
      organisationId: a.organisationId,
      firstSeenAt: a.firstSeenAt,
      lastSeenAt: a.lastSeenAt,
      fromCall: a.firstSeenAt !== undefined,
      // A plan's attendees are its guests; a held meeting's were there.
      ...(meeting.status === 'planned' && a.firstSeenAt === undefined ? { invited: true } : {}),
    })),
    removedNames: [],
    decisions: meeting.decisions,
    notes: meeting.notes,
    callKey: meeting.callKey,
    ...(meeting.attendanceCounts ? { attendanceCounts: meeting.attendanceCounts } : {}),
  };
}

function platformOfCallKey(callKey: string | null | undefined): MeetingPlatform | null {
  const prefix = callKey?.split(':')[0];
  return prefix === 'meet' || prefix === 'zoom' || prefix === 'teams' ? prefix : null;
}

/**
 * Brings the call's participants into the form: new people are added, times of
 * people already listed are updated, and people the lead removed stay removed.
 */
export function mergeLiveAttendees(
  form: MeetingFormValues,
  call: LiveCall,
  /** The remembered people: a row whose address is not that of the remembered person of a name is not joined by that name. */
  people: readonly Person[] = [],
): MeetingFormValues {
  const remembered = rememberedIndex(people);
  const removed = new Set(form.removedNames);
  const byName = new Map<string, number[]>();
  form.attendees.forEach((a, index) => pushTo(byName, normaliseName(a.name), index));
  const attendees = [...form.attendees];
  // Each participant is one row: two people of one name on the call never share a row.
  const claimed = new Set<number>();
  let changed = false;
  for (const p of call.participants) {
    const key = normaliseName(p.name);
    // A row with another address than the participant's is not theirs: a participant showing an
    // address is another person than a guest of the name with another one (a namesake, or a forged
    // guest), unless the lead remembers both addresses as one person's of that name. A participant
    // seen by name alone (a tile) joins a guest row whose address may be the person's of that name:
    // a guest listed with a known name and a forged address is not joined.
    const rows = (byName.get(key) ?? []).filter((i) => {
      const address = attendees[i]!.email;
      if (claimed.has(i)) return false;
      if (!address) return true;
      if (p.email)
        return address.toLowerCase() === p.email.toLowerCase() || sameOwner(remembered, p.name, address, p.email);
      return addressFits(remembered, p.name, address);
    });
    // A removed name: its rows still listed (a namesake the lead kept) are followed, nothing is added
    // and no guest who was not seen is marked as seen by the person the lead removed.
    const index = removed.has(key)
      ? rowFor(
          attendees,
          rows.filter((i) => attendees[i]!.firstSeenAt !== undefined),
          p,
        )
      : rowFor(attendees, rows, p);
    if (index !== undefined) claimed.add(index);
    if (index === undefined && removed.has(key)) continue;
    if (index === undefined) {
      claimed.add(attendees.length);
      pushTo(byName, key, attendees.length);
      attendees.push({
        name: p.name,
        email: p.email,
        firstSeenAt: p.firstSeenAt,
        lastSeenAt: p.lastSeenAt,
        fromCall: true,
      });
      changed = true;
    } else {
      const current = attendees[index]!;
      const firstSeenAt = Math.min(current.firstSeenAt ?? p.firstSeenAt, p.firstSeenAt);
      const lastSeenAt = Math.max(current.lastSeenAt ?? p.lastSeenAt, p.lastSeenAt);
      const email = current.email ?? p.email;
      if (firstSeenAt !== current.firstSeenAt || lastSeenAt !== current.lastSeenAt || email !== current.email) {
        attendees[index] = { ...current, email, firstSeenAt, lastSeenAt, fromCall: true };
        changed = true;
      }
    }
  }
  return changed ? { ...form, attendees } : form;
}

/**
 * The row a participant of the call is, among the rows of their name: the one with their address,
 * else one without an address (named as the call shows the participant, else as the call's reader
 * would take for that name, `nameKey`, else any), else the only one. Two rows of the name with other
 * addresses (two guests called Alex Smith): which one is not guessed, the participant gets a row of
 * their own.
 */
function rowFor(
  attendees: AttendeeEntry[],
  indexes: number[],
  participant: { name: string; email?: string },
): number | undefined {
  const address = participant.email?.toLowerCase();
  const nameOnly = indexes.filter((i) => !attendees[i]!.email);
  const key = nameKey(participant.name);
  return (
    indexes.find((i) => address !== undefined && attendees[i]!.email?.toLowerCase() === address) ??
    nameOnly.find((i) => attendees[i]!.name === participant.name) ??
    nameOnly.find((i) => nameKey(attendees[i]!.name) === key) ??
    nameOnly[0] ??
    (indexes.length === 1 ? indexes[0] : undefined)
  );
}

/**
 * Whether a row counts as attending: a plan lists its guests, but a held meeting only the people
 * seen on the call and those the lead added by hand; a guest who never joined was not there.
 */
export function isAttending(entry: AttendeeEntry, status: MeetingStatus): boolean {
  return status === 'planned' || !entry.invited || entry.firstSeenAt !== undefined;
}

const EMAIL_ONLY = /^[^\s@]+@[^\s@]+$/;

/** Name words a mail address's local part spells: `sam.okafor@…` → ['sam', 'okafor']. */
function localPartWords(address: string): string[] {
  return address
    .slice(0, address.lastIndexOf('@'))
    .toLowerCase()
    .split(/[._+-]+/)
    .filter((word) => /^\p{L}{2,}$/u.test(word));
}

/** A row with an address (`guest`, told apart by `email` when several share its name) that may be the row `joined`. */
export interface GuestMatch {
  guest: string;
  joined: string;
  email?: string;
}

/**
 * Guests known only by their address who have not been seen, each with the person on the call
 * whose name their address spells (`sam.okafor@…` and "Sam Okafor"): the lead is offered to merge them.
 */
export function guestMatches(form: MeetingFormValues): GuestMatch[] {
  const seen = form.attendees.filter((a) => a.firstSeenAt !== undefined && !a.email);
  return form.attendees.flatMap((guest) => {
    if (!guest.invited || guest.firstSeenAt !== undefined || !EMAIL_ONLY.test(guest.name.trim())) return [];
    const words = localPartWords(guest.name.trim());
    if (words.length === 0) return [];
    const joined = seen.find((a) => {
      const nameWords = normaliseName(a.name).split(' ');
      return words.every((word) => nameWords.includes(word));
    });
    return joined ? [{ guest: guest.name, joined: joined.name }] : [];
  });
}

/** The guest row of a match: the row with the address (or an address for a name), by its address when the match names one. */
function guestRow(form: MeetingFormValues, guestName: string, guestEmail: string | undefined): number {
  return form.attendees.findIndex(
    (a) =>
      a.name === guestName &&
      (guestEmail === undefined ? !!a.email || EMAIL_ONLY.test(a.name.trim()) : a.email === guestEmail),
  );
}

/**
 * The rows the guest of `match` may be merged into, by place in the form, in its order: every row
 * of the joined name without an address. Two or more when people of one name are listed apart
 * (two Alex Smiths on the call): the lead picks one, never the first by name.
 */
export function mergeTargets(form: MeetingFormValues, match: GuestMatch): number[] {
  const guest = guestRow(form, match.guest, match.email);
  if (guest < 0) return [];
  return form.attendees.flatMap((a, index) => (index !== guest && a.name === match.joined && !a.email ? [index] : []));
}

/**
 * The guest and the person who joined are one: the joined row takes the guest's address, the guest
 * row goes. `joinedAt`: the row the lead picked (its place now, found by its row key); a place that
 * is not one of `mergeTargets` (gone, another name, a row with an address) changes nothing. Without
 * it, the only (or first) row of the joined name.
 */
export function mergeGuest(
  form: MeetingFormValues,
  guestName: string,
  joinedName: string,
  /** Which guest, when several share the name. */
  guestEmail?: string,
  joinedAt?: number,
): MeetingFormValues {
  const guest = guestRow(form, guestName, guestEmail);
  const targets = mergeTargets(form, { guest: guestName, joined: joinedName, email: guestEmail });
  const joined = joinedAt === undefined ? targets[0] : targets.find((index) => index === joinedAt);
  return guest < 0 || joined === undefined ? form : mergeRows(form, joined, guest);
}

/**
 * Two rows that are one person become one, in the place of the row known by name: it keeps that
 * name (the one the call shows, so the live call finds it again) and takes the other's address.
 * It was seen whenever either was, and counts as invited only if both were.
 */
export function mergeRows(form: MeetingFormValues, nameIndex: number, emailIndex: number): MeetingFormValues {
  const named = form.attendees[nameIndex];
  const other = form.attendees[emailIndex];
  if (!named || !other || nameIndex === emailIndex) return form;
  const seen = [named.firstSeenAt, other.firstSeenAt].filter((t): t is number => t !== undefined);
  const last = [named.lastSeenAt, other.lastSeenAt].filter((t): t is number => t !== undefined);
  const { invited: _invited, ...rest } = named;
  const merged: AttendeeEntry = {
    ...rest,
    email: named.email ?? other.email ?? other.name.trim(),
    ...((named.organisationId ?? other.organisationId)
      ? { organisationId: named.organisationId ?? other.organisationId }
      : {}),
    ...(seen.length ? { firstSeenAt: Math.min(...seen) } : {}),
    ...(last.length ? { lastSeenAt: Math.max(...last) } : {}),
    fromCall: named.fromCall || other.fromCall,
    ...(named.invited && other.invited ? { invited: true } : {}),
  };
  return {
    ...form,
    attendees: form.attendees.flatMap((a, index) => (index === nameIndex ? [merged] : index === emailIndex ? [] : [a])),
  };
}

/**
 * Removes the row at `index`, and that row only: a namesake (another guest of the name, or a guest
 * who was not seen beside someone of the name who was) stays. The name is kept out of the live call
 * (`removedNames`), which then follows only the rows of that name already seen. The chair goes when
 * no row of their name is left.
 */
export function removeAttendee(form: MeetingFormValues, index: number): MeetingFormValues {
  const row = form.attendees[index];
  if (!row) return form;
  const key = normaliseName(row.name);
  const attendees = form.attendees.filter((_, i) => i !== index);
  const nameLeft = attendees.some((a) => normaliseName(a.name) === key);
  return {
    ...form,
    attendees,
    removedNames: form.removedNames.includes(key) ? form.removedNames : [...form.removedNames, key],
    chairName: !nameLeft && normaliseName(form.chairName) === key ? '' : form.chairName,
  };
}

export function addAttendee(
  form: MeetingFormValues,
  entry: { name: string; organisationId?: string },
): MeetingFormValues {
  const name = entry.name.trim();
  const key = normaliseName(name);
  if (!key || form.attendees.some((a) => normaliseName(a.name) === key)) return form;
  return {
    ...form,
    attendees: [...form.attendees, { name, organisationId: entry.organisationId, fromCall: false }],
    removedNames: form.removedNames.filter((n) => n !== key),
  };
}

export function validateForm(form: MeetingFormValues): FormErrors {
  const errors: FormErrors = {};
  if (!form.partnershipId) errors.partnershipId = 'required';
  if (!form.title.trim()) errors.title = 'required';
  // The bundle importer's limits (utils/db/limits.ts): the app saves nothing its backups would refuse.
  else if (form.title.trim().length > LIMITS.name) errors.title = 'tooLongTitle';
  if (form.decisions.length > LIMITS.longText) errors.decisions = 'tooLongText';
  if (form.notes.length > LIMITS.longText) errors.notes = 'tooLongText';
  const start = fromLocalInput(form.start);
  if (start === null) errors.start = form.start ? 'invalid' : 'required';
  if (form.end) {
    const end = fromLocalInput(form.end);
    if (end === null) errors.end = 'invalid';
    else if (start !== null && end < start) errors.end = 'endBeforeStart';
  }
  return errors;
}

/** The record to save. `attendees` are already resolved to people and organisations. */
export function formToMeetingInput(
  form: MeetingFormValues,
  resolved: Attendee[],
): Omit<Meeting, 'id' | 'createdAt' | 'updatedAt' | 'organisationIds'> & { id?: string } {
  // `resolved` follows the form's rows one to one; by place, since a guest who never joined may share a name with someone who did.
  const attendees = resolved.filter((_, index) => {
    const row = form.attendees[index];
    return !row || isAttending(row, form.status);
  });
  const chair = attendees.find((a) => normaliseName(a.displayName) === normaliseName(form.chairName));
  const end = form.end ? fromLocalInput(form.end) : null;
  return {
    id: form.meetingId,
    partnershipId: form.partnershipId,
    status: form.status,
    platform: form.platform,
    title: form.title.trim(),
    startAt: fromLocalInput(form.start) ?? Date.now(),
    ...(end === null ? {} : { endAt: end }),
    kind: form.kind,
    purposeTagIds: form.purposeTagIds,
    agenda: form.agenda,
    attendees,
    ...(form.chairName ? { chairName: form.chairName } : {}),
    ...(chair?.personId ? { chairPersonId: chair.personId } : {}),
    ...(chair?.organisationId ? { chairOrganisationId: chair.organisationId } : {}),
    decisions: form.decisions,
    notes: form.notes,
    ...(form.callKey ? { callKey: form.callKey } : {}),
    // Counts from a workspace stand for attendance only while no one is listed by name.
    ...(attendees.length === 0 && form.attendanceCounts ? { attendanceCounts: form.attendanceCounts } : {}),
  };
}
