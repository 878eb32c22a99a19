import { pushTo } from '../collections/group';
import { callKeyFromUrl } from './call-key';
import type { CallPlatform, CallSnapshot, PagePart, SeenParticipant } from './snapshot';
import { displayName, findEmail, nameKey } from './text';

/** How a reader tells one row's person from another's, beside the name and email. */
export interface Sighting {
  /** The platform's own id of the participant (Meet's data-participant-id, Teams' user id). */
  id?: string | null;
  /** A row of a list that names each person once (Zoom's): never folded into a namesake. */
  ownRow?: boolean;
}

/**
 * Builds a participant list without duplicates. The same name seen twice (a presentation tile, a
 * row without an id) is one person; an email or a platform id, when shown, separates namesakes.
 */
export class ParticipantList {
  readonly participants: SeenParticipant[] = [];
  private readonly byName = new Map<string, SeenParticipant[]>();

  /** Adds a person; returns the cleaned name, or '' when the text held no name. */
  add(rawName: string | null | undefined, rawEmail?: string | null, sighting: Sighting = {}): string {
    const name = displayName(rawName);
    if (!name) return '';
    const email = findEmail(rawEmail) ?? undefined;
    const id = sighting.id || undefined;
    const key = nameKey(name);
    const namesakes = sighting.ownRow ? undefined : this.byName.get(key);
    const same = namesakes?.find((p) => (!p.email || !email || p.email === email) && (!p.id || !id || p.id === id));
    if (same) {
      if (email && !same.email) same.email = email;
      if (id && !same.id) same.id = id;
      return same.name;
    }
    const person: SeenParticipant = { name, ...(email ? { email } : {}), ...(id ? { id } : {}) };
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
