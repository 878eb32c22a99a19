import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A saved page from tests/fixtures, as text. */
export function fixtureHtml(path: string): string {
  return readFileSync(join(process.cwd(), 'tests/fixtures', path), 'utf8');
}

/** A saved page from tests/fixtures as a Document (parsed, never run: scripts do not execute). */
export function loadFixture(path: string): Document {
  return documentFrom(fixtureHtml(path));
}

export function documentFrom(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

/** The first four guests of the Hartside calendar fixtures (Google Calendar, Outlook), as read. */
export const HARTSIDE_GUESTS = [
  { name: 'Priya Raman', email: 'priya.raman@hartsidecvs.example' },
  { name: 'Tom Fairbairn', email: 'tom.fairbairn@hartside-council.example' },
  { name: 'Grace Mensah', email: 'grace.mensah@ageukhartside.example' },
  { name: "Dr Siobhan O'Neill", email: 'siobhan.oneill@hdft.nhs.example' },
] as const;
