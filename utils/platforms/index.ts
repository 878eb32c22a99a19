import { MatchPattern } from '#imports';
import { gcalReader } from './gcal';
import { CALENDAR_MATCHES, CALL_MATCHES } from './hosts';
import { meetReader } from './meet';
import { outlookReader } from './outlook';
import { PLATFORMS, type PlatformId, type PlatformReader } from './snapshot';
import { teamsReader } from './teams';
import { zoomReader } from './zoom';

/** Every platform's reader. Content scripts import their own module directly to stay small. */
export const readers: Record<PlatformId, PlatformReader> = {
  meet: meetReader,
  zoom: zoomReader,
  teams: teamsReader,
  gcal: gcalReader,
  outlook: outlookReader,
};

const MATCHES: Record<PlatformId, readonly string[]> = { ...CALL_MATCHES, ...CALENDAR_MATCHES };
const PATTERNS = PLATFORMS.map((id) => [id, MATCHES[id].map((p) => new MatchPattern(p))] as const);

/** The platform whose content script runs on this address (see hosts.ts); null for any other. */
export function platformForUrl(url: string): PlatformId | null {
  try {
    new URL(url);
  } catch {
    return null;
  }
  // A string, not a URL object: MatchPattern checks `instanceof Location` on objects, and a service
  // worker has no Location.
  for (const [id, patterns] of PATTERNS) {
    if (patterns.some((pattern) => pattern.includes(url))) return id;
  }
  return null;
}
