import type { SeenParticipant } from './snapshot';
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
    if (namesakes) namesakes.push(person);
    else this.byName.set(key, [person]);
    return name;
  }
}
