import { groupBy } from '../../collections/group';
import type { CallSnapshot, SeenParticipant } from '../../platforms/snapshot';
import { nameKey } from '../../platforms/text';
import type { LiveCall, TrackedParticipant } from './live-call';

export { snapshotFingerprint, snapshotsEqual } from '../../platforms/fingerprint';

/**
 * Folds one snapshot of a call page into what is known about the call in that tab: who is there,
 * when each person was first and last seen, who has left. Pure: `now` is the snapshot's time.
 * A different call in the tab (another callKey or platform) starts afresh.
 */
export function trackSnapshot(
  previous: LiveCall | null | undefined,
  snapshot: CallSnapshot,
  tabId: number,
  now: number,
): LiveCall {
  const sameCall =
    !!previous &&
    previous.tabId === tabId &&
    previous.platform === snapshot.platform &&
    previous.callKey === snapshot.callKey;
  const base: LiveCall = sameCall
    ? previous
    : {
        tabId,
        platform: snapshot.platform,
        url: snapshot.url,
        callKey: snapshot.callKey,
        title: null,
        selfName: null,
        participantsReadable: true,
        participants: [],
        startedAt: now,
        updatedAt: now,
      };

  const { pageCount: _count, source: _source, listIsPartial: _partial, ...kept } = base;
  return {
    ...kept,
    ...(snapshot.pageCount !== undefined ? { pageCount: snapshot.pageCount } : {}),
    ...(snapshot.source ? { source: snapshot.source } : {}),
    ...(snapshot.listIsPartial ? { listIsPartial: true } : {}),
    url: snapshot.url,
    title: snapshot.title ?? base.title,
    selfName: snapshot.selfName ?? base.selfName,
    // Unreadable now: keep the people already seen as they were, neither present nor gone.
    participantsReadable: snapshot.participants !== null,
    participants: snapshot.participants
      ? mergeParticipants(base.participants, snapshot.participants, now, snapshot.listIsPartial === true)
      : base.participants,
    updatedAt: now,
  };
}

function mergeParticipants(
  tracked: readonly TrackedParticipant[],
  seen: readonly SeenParticipant[],
  now: number,
  partial: boolean,
): TrackedParticipant[] {
  // A partial list (only the rows on screen) cannot tell who left: those missing keep their state.
  const result = tracked.map((p) => ({ ...p, present: partial && p.present }));
  const byName = groupBy(result, (p) => nameKey(p.name));
  const matched = new Set<TrackedParticipant>();
  const see = (match: TrackedParticipant, person: SeenParticipant, email: string | undefined) => {
    matched.add(match);
    match.present = true;
    match.lastSeenAt = now;
    if (email && !match.email) match.email = email;
    if (person.id !== undefined) match.id = person.id;
  };

  // First whoever is known by the platform's id: of two people of one name, the one on the page.
  const rest: SeenParticipant[] = [];
  for (const person of seen) {
    const email = person.email?.toLowerCase();
    const match =
      person.id === undefined
        ? undefined
        : byName
            .get(nameKey(person.name))
            ?.find((p) => !matched.has(p) && p.id === person.id && (!p.email || !email || p.email === email));
    if (match) see(match, person, email);
    else rest.push(person);
  }

  for (const person of rest) {
    const key = nameKey(person.name);
    const email = person.email?.toLowerCase();
    const namesakes = byName.get(key) ?? [];
    // Same name and same email; or same name where one side has no email (shown later or not at
    // all); a namesake under a new id (a rejoin) is one whose id is not on the page now.
    const match =
      namesakes.find((p) => !matched.has(p) && p.email === email) ??
      namesakes.find((p) => !matched.has(p) && (!p.email || !email));
    if (match) {
      see(match, person, email);
      continue;
    }
    const added: TrackedParticipant = {
      name: person.name,
      ...(email ? { email } : {}),
      ...(person.id !== undefined ? { id: person.id } : {}),
      firstSeenAt: now,
      lastSeenAt: now,
      present: true,
    };
    matched.add(added);
    result.push(added);
    byName.set(key, [...namesakes, added]);
  }
  return result;
}
