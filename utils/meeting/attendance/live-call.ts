import type { CallPlatform, PagePart } from '../../platforms/snapshot';

/** A participant tracked across the snapshots of one call. Times are epoch ms. */
export interface TrackedParticipant {
  name: string;
  email?: string;
  /** The platform's id of the participant, when the page gives one (the latest seen). */
  id?: string;
  firstSeenAt: number;
  lastSeenAt: number;
  /** In the latest snapshot. */
  present: boolean;
}

/** The state of the call in one tab, kept by the background in session storage. */
export interface LiveCall {
  tabId: number;
  platform: CallPlatform;
  url: string;
  callKey: string | null;
  title: string | null;
  selfName: string | null;
  /** false while the page's participant list cannot be read. */
  participantsReadable: boolean;
  participants: TrackedParticipant[];
  /** How many people the page itself says are in the call, when it shows a count. */
  pageCount?: number;
  /** The part of the page the latest list was read from. */
  source?: PagePart;
  /** The page's list holds only the rows on screen. */
  listIsPartial?: boolean;
  startedAt: number;
  updatedAt: number;
}
