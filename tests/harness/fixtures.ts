import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { repoPath } from './paths';

/**
 * Serves `html` for page loads of URLs matching `urlPattern` (a Playwright glob such as
 * 'https://meet.google.com/**') in the whole context or one page, so the page keeps its
 * real address and the extension's content scripts match it. Other requests to the pattern
 * (images, scripts a saved page refers to) get an empty 404: nothing leaves.
 */
export async function routeHtml(target: BrowserContext | Page, urlPattern: string, html: string): Promise<void> {
  await target.route(urlPattern, (route) => {
    if (route.request().resourceType() === 'document') {
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    }
    return route.fulfill({ status: 404, body: '' });
  });
}

/** routeHtml with a saved page, e.g. 'tests/fixtures/meet/small-call.html' (relative to the repo root). */
export async function routeFixture(
  target: BrowserContext | Page,
  urlPattern: string,
  fixturePath: string,
): Promise<void> {
  await routeHtml(target, urlPattern, readFileSync(repoPath(fixturePath), 'utf8'));
}

/**
 * The saved Google Calendar event (tests/fixtures/gcal/event-meet.html) moved to today, within the
 * current hour, with its Meet code replaced: a call on `code` now is the same occasion.
 */
export function gcalEventToday(code: string, now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long' }).format(now);
  const monthYear = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric' }).format(now);
  return readFileSync(repoPath('tests/fixtures/gcal/event-meet.html'), 'utf8')
    .replaceAll('Tuesday, 13 May', day)
    .replaceAll('13 May 2025', `${now.getDate()} ${monthYear}`)
    .replaceAll('May 2025', monthYear)
    .replaceAll('10:00 – 11:30', `${pad(now.getHours())}:00 – ${pad(now.getHours())}:59`)
    .replaceAll('xkr-pqnd-tws', code);
}

/**
 * Serves the Zoom web app as Zoom does: `shell` (the page at app.zoom.us/wc/<n>/join) and, at the
 * same address with ?fromPWA=1 (its iframe#webclient), `client`. Other requests get an empty 404.
 */
export async function routeZoomApp(page: Page, shell: string, client: string): Promise<void> {
  await page.route('https://app.zoom.us/**', (route) => {
    const request = route.request();
    if (request.resourceType() !== 'document') return route.fulfill({ status: 404, body: '' });
    const body = new URL(request.url()).searchParams.has('fromPWA') ? client : shell;
    return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
  });
}
