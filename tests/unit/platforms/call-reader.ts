import { expect } from 'vitest';
import type { CallSnapshot, PlatformReader, SeenParticipant } from '../../../utils/platforms/snapshot';
import { loadFixture } from './fixture';

/** The checks every call reader's tests make on their platform's saved pages, in one place. */

/** The names every call platform's hostile-names fixture starts with, in page order. */
export const HOSTILE_NAMES: readonly string[] = [
  'Priya Raman',
  '<img src=x onerror=alert(1)>',
  '<script>alert("pp")</script>',
  '"><svg/onload=alert(document.domain)>',
  "Robert'); DROP TABLE people;--",
  'ليلى حداد',
  '王小明',
  'अनन्या शर्मा',
  '👩🏽‍💻 Aisha Bello',
  'שרה כהן',
];

/** Reads a 300-person fixture and checks that everyone is there once; the snapshot, for more checks. */
export function readLargeCall(reader: PlatformReader<CallSnapshot>, fixture: string, url: string): CallSnapshot {
  const snapshot = reader.read(loadFixture(fixture), url);
  expect(snapshot.participants).toHaveLength(300);
  expect(new Set(snapshot.participants!.map((p) => p.name)).size).toBe(300);
  return snapshot;
}

/**
 * The fixture whole is not partial; with its rows past the first `keep` taken out (as a virtualised
 * list renders only those in view), the reader reads `keep` people and says the list is partial.
 */
export function expectPartialWhenCut(
  reader: PlatformReader<CallSnapshot>,
  fixture: string,
  url: string,
  cut: { rows: string; keep: number; remove?: (row: Element) => void },
): void {
  const doc = loadFixture(fixture);
  expect(reader.read(doc, url).listIsPartial).toBeUndefined();
  for (const row of [...doc.querySelectorAll(cut.rows)].slice(cut.keep)) (cut.remove ?? ((r) => r.remove()))(row);
  const snapshot = reader.read(doc, url);
  expect(snapshot.participants).toHaveLength(cut.keep);
  expect(snapshot.listIsPartial).toBe(true);
}

/** The people read, without the platform's ids: for checks of who is read, not of how they are told apart. */
export function namesRead(snapshot: CallSnapshot): Array<Omit<SeenParticipant, 'id'>> | null {
  return snapshot.participants?.map(({ id: _id, ...person }) => person) ?? null;
}
