import type { BrowserContext } from 'playwright-core';

/** Schemes that never leave the machine (file: for the partner widget opened from disk). */
const LOCAL_SCHEMES = ['chrome-extension:', 'data:', 'blob:', 'about:', 'file:'];

export interface RequestGuard {
  /** Every request aborted so far (URLs, in order). */
  unexpectedRequests(): string[];
  /** The aborted requests so far, forgetting them: a test that makes one on purpose takes it. */
  takeUnexpectedRequests(): string[];
}

export function isLocalUrl(url: string): boolean {
  return LOCAL_SCHEMES.some((scheme) => url.startsWith(scheme));
}

/**
 * Aborts and records every request (and WebSocket) of the context that is not local.
 * Install it before any other route: Playwright tries routes in reverse order of
 * registration, so fixture routes added later answer first and this is the last resort.
 */
export async function installRequestGuard(context: BrowserContext): Promise<RequestGuard> {
  let recorded: string[] = [];
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (isLocalUrl(url)) return route.fallback();
    recorded.push(url);
    return route.abort('blockedbyclient');
  });
  await context.routeWebSocket(/.*/, async (ws) => {
    recorded.push(ws.url());
    await ws.close({ code: 1008, reason: 'Blocked by the test harness' });
  });
  return {
    unexpectedRequests: () => [...recorded],
    takeUnexpectedRequests: () => {
      const taken = recorded;
      recorded = [];
      return taken;
    },
  };
}

export function describeUnexpectedRequests(urls: readonly string[]): string {
  return `${urls.length} request(s) left for a host that is not a routed fixture:\n  ${urls.join('\n  ')}`;
}
