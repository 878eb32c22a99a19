import type { Snapshot } from './snapshot';

/**
 * A string that changes exactly when a snapshot's content does, so a content script sends only
 * changes. Participant order is ignored: the platforms reorder lists as people speak. JSON keeps
 * any character a name may contain from running into the next field.
 */
export function snapshotFingerprint(snapshot: Snapshot): string {
  if (snapshot.kind === 'call') {
    const people =
      snapshot.participants?.map((p) => JSON.stringify([p.name, p.email ?? null, p.id ?? null])).sort() ?? null;
    const partial = snapshot.listIsPartial === true;
    return JSON.stringify([
      'call',
      snapshot.platform,
      snapshot.url,
      snapshot.callKey,
      snapshot.title,
      snapshot.selfName,
      partial,
      // The page's own count and the part read: "Read 18 of 23" must follow a count that changes
      // while the rows in view do not (someone joining off-screen in a virtualised roster).
      snapshot.pageCount ?? null,
      snapshot.source ?? null,
      people,
    ]);
  }
  const event = snapshot.event;
  return JSON.stringify([
    'calendar',
    snapshot.platform,
    snapshot.url,
    snapshot.recognised,
    event && [
      event.title,
      event.start,
      event.end,
      event.callLink,
      event.callKey,
      event.guests.map((g) => [g.email ?? null, g.name ?? null]),
    ],
  ]);
}

export function snapshotsEqual(a: Snapshot | null | undefined, b: Snapshot | null | undefined): boolean {
  if (!a || !b) return a === b;
  return snapshotFingerprint(a) === snapshotFingerprint(b);
}
