import type { CallPlatform } from '../../platforms/snapshot';

/** A participant tracked across the snapshots of one call. Times are epoch ms. */
export interface TrackedParticipant {
  name: string;
  email?: string;
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
  startedAt: number;
  updatedAt: number;
}
