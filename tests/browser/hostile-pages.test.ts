import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  openPanel,
  readLiveState,
  repoPath,
  routeHtml,
  routeZoomApp,
  tabIdOf,
  waitForLiveState,
  waitForReady,
} from '../harness';
import { useExtension } from '../harness/vitest';

/*
 * Call pages written by an attacker, served on their real addresses to the built extension
 * (the unit tests in tests/unit/platforms/hostile-pages.test.ts go through every case; these check
 * the whole path: content script, message, background, panel).
 */

const ext = useExtension();
const code = (i: number) => `PP1.${'A'.repeat(20)}${i.toString(36).padStart(4, '0')}`;

describe('a call page as an attacker writes it', () => {
  it('one 1 MB display name: the others are read and the panel says how many of the page count', async () => {
    const html = readFileSync(repoPath('tests/fixtures/meet/small-call.html'), 'utf8').replace(
      'aria-label="Grace Mensah"',
      `aria-label="${'A'.repeat(1_000_000)}"`,
    );
    const call = await ext().context.newPage();
    await routeHtml(call, 'https://meet.google.com/**', html);
    await call.goto('https://meet.google.com/xkr-pqnd-tws');
    const tabId = await tabIdOf(call);
    const state = await waitForLiveState(ext(), tabId, (s) => (s.call?.participants.length ?? 0) > 0);
    const names = state.call!.participants.map((p) => p.name);
    expect(names).toContain('Tom Fairbairn');
    expect(names).not.toContain('Grace Mensah');
    expect(names.every((name) => name.length <= 300)).toBe(true);
    const panel = await openPanel(ext(), tabId);
    await waitForReady(panel);
    await panel.getByText(/^Read 5 of 6 participants/).waitFor();
    await panel.close();
    await call.close();
  });

  it('an iframe#webclient from another origin is not read: no names and no chat codes from it (the same frame from Zoom is)', async () => {
    const client = readFileSync(repoPath('tests/fixtures/zoom/in-frame.html'), 'utf8').replace(
      /\{\{CODE_(\d)\}\}/g,
      (_, n: string) => code(Number(n)),
    );
    /** The Zoom app's page with its client frame served from `origin`; resolves once the frame shows its names. */
    const framedFrom = async (origin: string) => {
      const shell = readFileSync(repoPath('tests/fixtures/zoom/pwa-shell.html'), 'utf8').replace(
        'src="/wc/84512345678/join?fromPWA=1',
        `src="${origin}/wc/84512345678/join?fromPWA=1`,
      );
      const call = await ext().context.newPage();
      await routeZoomApp(call, shell, client);
      if (origin !== 'https://app.zoom.us') await routeHtml(call, `${origin}/**`, client);
      await call.goto('https://app.zoom.us/wc/84512345678/join');
      const frame = () => call.frames().find((f) => f !== call.mainFrame() && f.url().startsWith(`${origin}/wc/`));
      await expect
        .poll(
          async () => (await frame()?.locator('.participants-item__display-name', { hasText: 'Grace' }).count()) ?? 0,
        )
        .toBe(1);
      return { call, tabId: await tabIdOf(call) };
    };

    // The control: served from Zoom's own origin, the frame's names and codes are read, so the wait below is long enough.
    const own = await framedFrom('https://app.zoom.us');
    const read = await waitForLiveState(
      ext(),
      own.tabId,
      (s) => (s.call?.participants.length ?? 0) > 0 && (s.chatCodes?.length ?? 0) > 0,
    );
    expect(read.call!.participants.map((p) => p.name)).toContain('Grace Mensah');
    expect(read.chatCodes).toContain(code(1));
    await own.call.close();

    const foreign = await framedFrom('https://zoom.evil.example');
    const panel = await openPanel(ext(), foreign.tabId);
    await waitForReady(panel);
    // The frame's page has loaded with its names and codes; give the scripts time to (not) send.
    await foreign.call.waitForTimeout(2500);
    const state = await readLiveState(ext(), foreign.tabId);
    expect(state?.call?.participants ?? []).toEqual([]);
    expect(state?.chatCodes ?? []).toEqual([]);
    expect(await panel.locator('.attendee-name', { hasText: 'Grace Mensah' }).count()).toBe(0);
    await panel.close();
    await foreign.call.close();
  });

  it('300 codes in the chat all reach the background (more than one message holds)', async () => {
    const messages = Array.from({ length: 300 }, (_, i) => `<div data-message-id="m${i}">${code(i)}</div>`).join('');
    const html = `<!doctype html><html><head><title>Meet – Core partners</title></head><body>
      <textarea aria-label="Send a message"></textarea>${messages}</body></html>`;
    const chat = await ext().context.newPage();
    await routeHtml(chat, 'https://meet.google.com/**', html);
    await chat.goto('https://meet.google.com/xkr-pqnd-tws');
    const tabId = await tabIdOf(chat);
    const state = await waitForLiveState(ext(), tabId, (s) => (s.chatCodes?.length ?? 0) >= 300);
    expect(state.chatCodes).toEqual(Array.from({ length: 300 }, (_, i) => code(i)));
    await chat.close();
  });
});
