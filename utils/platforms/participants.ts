import { pushTo } from '../collections/group';
import { callKeyFromUrl } from './call-key';
import type { CallPlatform, CallSnapshot, PagePart, SeenParticipant } from './snapshot';
import { displayName, findEmail, nameKey } from './text';

/**
 * Builds a participant list without duplicates. The same name seen twice (a second device, a
 * presentation tile) is one person; an email, when shown, is kept and separates namesakes.
 */
export class ParticipantList {
  readonly participants: SeenParticipant[] = [];
  private readonly byName = new Map<string, SeenParticipant[]>();

  /** Adds a person; returns the cleaned name, or '' when the text held no name. */
  add(rawName: string | null | undefined, rawEmail?: string | null): string {
    const name = displayName(rawName);
    if (!name) return '';
    const email = findEmail(rawEmail) ?? undefined;
    const key = nameKey(name);
    const namesakes = this.byName.get(key);
    const same = namesakes?.find((p) => !p.email || !email || p.email === email);
    if (same) {
      if (email && !same.email) same.email = email;
      return same.name;
    }
    const person: SeenParticipant = email ? { name, email } : { name };
    this.participants.push(person);
    pushTo(this.byName, key, person);
    return name;
  }

  /**
   * The snapshot of one reader's pass: this list when the page's list was found (`source`), null
   * otherwise (never an empty list for a layout not recognised). One home for every call reader.
   */
  snapshot(platform: CallPlatform, url: string, read: CallRead): CallSnapshot {
    return {
      kind: 'call',
      platform,
      url,
      callKey: callKeyFromUrl(url),
      title: read.title,
      participants: read.source ? this.participants : null,
      selfName: read.selfName,
      ...(read.listIsPartial ? { listIsPartial: true } : {}),
      ...(read.pageCount !== undefined ? { pageCount: read.pageCount } : {}),
      ...(read.source ? { source: read.source } : {}),
    };
  }
}

/** What a call reader's pass found besides the people. */
export interface CallRead {
  title: string | null;
  selfName: string | null;
  /** Where the list was read from; undefined when the page's list was not found. */
  source: PagePart | undefined;
  listIsPartial?: boolean;
  /** The page's own count of the people in the call, when it shows one. */
  pageCount?: number;
}
