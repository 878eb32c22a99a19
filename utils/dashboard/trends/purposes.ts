import type { AgendaAgreed, Meeting } from '../../db/records';

/** Which purposes the held meetings served, and how many had an agreed agenda. */

type MeetingLike = Pick<Meeting, 'status' | 'deletedAt' | 'purposeTagIds' | 'agenda' | 'partnershipId'>;

const isHeld = (meeting: MeetingLike) => meeting.status === 'held' && meeting.deletedAt === undefined;

export interface PurposeCount {
  purposeTagId: string;
  /** Held meetings tagged with it (a meeting with several purposes counts for each). */
  meetings: number;
  /** meetings / all held meetings. */
  share: number;
}

export interface PurposeMix {
  held: number;
  /** Held meetings with at least one purpose. */
  withPurpose: number;
  purposes: PurposeCount[];
}

/** Purposes by how many meetings they tagged, most first (ties by id, so the order is stable). */
export function purposeMix(meetings: readonly MeetingLike[]): PurposeMix {
  const counts = new Map<string, number>();
  let held = 0;
  let withPurpose = 0;
  for (const meeting of meetings) {
    if (!isHeld(meeting)) continue;
    held += 1;
    const tags = new Set(meeting.purposeTagIds);
    if (tags.size > 0) withPurpose += 1;
    for (const tag of tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  }
  const purposes = [...counts.entries()]
    .map(([purposeTagId, count]) => ({ purposeTagId, meetings: count, share: count / held }))
    .sort(
      (a, b) =>
        b.meetings - a.meetings || (a.purposeTagId < b.purposeTagId ? -1 : a.purposeTagId > b.purposeTagId ? 1 : 0),
    );
  return { held, withPurpose, purposes };
}

export interface AgendaShare {
  partnershipId: string;
  counts: Record<AgendaAgreed, number>;
  held: number;
  /** Held meetings with an agreed agenda / held meetings; null with none held. */
  agreedShare: number | null;
}

/** Per partnership, in the order of `partnershipIds`. */
export function agendaShares(meetings: readonly MeetingLike[], partnershipIds: readonly string[]): AgendaShare[] {
  const shares = new Map<string, AgendaShare>(
    partnershipIds.map((partnershipId) => [
      partnershipId,
      { partnershipId, counts: { yes: 0, no: 0, 'not-yet': 0 }, held: 0, agreedShare: null },
    ]),
  );
  for (const meeting of meetings) {
    const share = shares.get(meeting.partnershipId);
    if (!share || !isHeld(meeting)) continue;
    share.counts[meeting.agenda] += 1;
    share.held += 1;
  }
  for (const share of shares.values()) share.agreedShare = share.held > 0 ? share.counts.yes / share.held : null;
  return [...shares.values()];
}
