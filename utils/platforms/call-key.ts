/**
 * A stable key for a call, the same whether it comes from the call page or from the link in a
 * calendar event, so that a call can be matched to the event that planned it:
 * `meet:abc-defg-hij`, `zoom:<meeting number>`, `teams:<thread id>` or `teams:meet:<meeting id>`.
 */
export function callKeyFromUrl(url: string): string | null {
  const parsed = parse(unwrapLink(url));
  if (!parsed) return null;
  const host = parsed.hostname.toLowerCase();
  if (host === 'meet.google.com') return meetKey(parsed);
  if (isZoomHost(host)) return zoomKey(parsed);
  if (isTeamsHost(host)) return teamsKey(parsed);
  return null;
}

/** The link inside Google's (google.com/url?q=) or Outlook's (safelinks) redirect wrappers. */
export function unwrapLink(url: string): string {
  let current = url.trim();
  for (let depth = 0; depth < 3; depth++) {
    const parsed = parse(current);
    const inner = parsed && unwrapRedirect(parsed);
    if (!inner) break;
    current = inner;
  }
  return current;
}

function parse(url: string): URL | null {
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed : null;
  } catch {
    return null;
  }
}

function unwrapRedirect(url: URL): string | null {
  const host = url.hostname.toLowerCase();
  if (/(^|\.)google\.[a-z.]+$/.test(host) && url.pathname === '/url') {
    return url.searchParams.get('q') ?? url.searchParams.get('url');
  }
  if (host.endsWith('safelinks.protection.outlook.com')) return url.searchParams.get('url');
  return null;
}

const MEET_CODE = /^\/(?:_meet\/)?([a-z]{3}-[a-z]{4}-[a-z]{3})(?:\/|$)/i;

function meetKey(url: URL): string | null {
  const code = MEET_CODE.exec(url.pathname)?.[1];
  return code ? `meet:${code.toLowerCase()}` : null;
}

function isZoomHost(host: string): boolean {
  return /(^|\.)(zoom\.us|zoom\.com|zoomgov\.com)$/.test(host);
}

// /j/123, /s/123 (host start), /w/123 (webinar), /wc/123/join, /wc/join/123, /wc/123/start…
const ZOOM_NUMBER = /^\/(?:j|s|w|wc(?:\/join)?)\/(\d{9,12})(?:\/|$)/;

function zoomKey(url: URL): string | null {
  const number = ZOOM_NUMBER.exec(url.pathname)?.[1];
  return number ? `zoom:${number}` : null;
}

function isTeamsHost(host: string): boolean {
  return (
    host === 'teams.microsoft.com' ||
    host.endsWith('.teams.microsoft.com') ||
    host === 'teams.live.com' ||
    host === 'teams.cloud.microsoft'
  );
}

function teamsKey(url: URL): string | null {
  // The meeting's thread id can sit in the path, in the hash (the v2 app routes there) or in a
  // launcher's `url` parameter; decoding first makes all of them look alike.
  const candidates = [url.pathname, url.hash, url.searchParams.get('url') ?? ''];
  for (const candidate of candidates) {
    const text = safeDecode(safeDecode(candidate));
    const thread = /meetup-join\/(19:[^/?#&\s]+@thread\.[a-z0-9]+)/i.exec(text)?.[1];
    if (thread) return `teams:${thread}`;
    const meetingId = /(?:^|\/)meet\/(\d{6,20})(?:[/?#]|$)/.exec(text)?.[1];
    if (meetingId) return `teams:meet:${meetingId}`;
  }
  const coords = url.searchParams.get('coords');
  if (coords && url.pathname.includes('light-meetings')) {
    const thread = threadFromCoords(coords);
    if (thread) return `teams:${thread}`;
  }
  return null;
}

function threadFromCoords(coords: string): string | null {
  try {
    const json = JSON.parse(safeDecode(atob(coords))) as { conversationId?: unknown };
    const id = json.conversationId;
    return typeof id === 'string' && /^19:.+@thread\.[a-z0-9]+$/i.test(id) ? id : null;
  } catch {
    return null;
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
