import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { meetReader } from '../../../utils/platforms/meet';
import type { CallSnapshot, PlatformReader } from '../../../utils/platforms/snapshot';
import { observerPass, watchPage } from '../../../utils/platforms/watch';
import { loadFixture } from './fixture';

const URL_IN_CALL = 'https://meet.google.com/xkr-pqnd-tws';

function useFixture(path: string): void {
  const page = loadFixture(path);
  document.documentElement.replaceChildren(
    ...[...page.documentElement.children].map((child) => document.importNode(child, true)),
  );
}

function countingReader(): PlatformReader<CallSnapshot> & { read: ReturnType<typeof vi.fn> } {
  return { id: 'meet', read: vi.fn((doc: Document, url: string) => meetReader.read(doc, url)) };
}

function addPerson(name: string, id: number): void {
  const row = document.createElement('div');
  row.setAttribute('role', 'listitem');
  row.setAttribute('aria-label', name);
  row.setAttribute('data-participant-id', `spaces/xkr-pqnd-tws/devices/${id}`);
  const span = document.createElement('span');
  span.textContent = name;
  row.append(span);
  document.querySelector('[role="list"][aria-label="Participants"]')!.append(row);
}

/** Lets the MutationObserver deliver its records, then runs timers due within `ms`. */
async function advance(ms: number): Promise<void> {
  await Promise.resolve();
  await new Promise((resolve) => queueMicrotask(() => resolve(undefined)));
  await vi.advanceTimersByTimeAsync(ms);
}

describe('watchPage', () => {
  let stop: (() => void) | undefined;
  beforeEach(() => {
    vi.useFakeTimers();
    useFixture('meet/small-call.html');
  });
  afterEach(() => {
    stop?.();
    vi.useRealTimers();
  });

  it('sends the page at once, then only when what it reads has changed', async () => {
    const sent: CallSnapshot[] = [];
    stop = watchPage({ reader: meetReader, onSnapshot: (s) => sent.push(s), getUrl: () => URL_IN_CALL });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.participants).toHaveLength(6);

    addPerson('Fatima Rahman', 301);
    await advance(1000);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.participants!.map((p) => p.name)).toContain('Fatima Rahman');

    // A change that does not alter what is read (the clock ticking) sends nothing.
    document.querySelector('.Jrb8ue .VfPpkd-vQzf8d')!.textContent = '10:05';
    await advance(1000);
    expect(sent).toHaveLength(2);

    document.querySelector('[aria-label="Fatima Rahman"]')!.remove();
    await advance(1000);
    expect(sent).toHaveLength(3);
    expect(sent[2]!.participants!.map((p) => p.name)).not.toContain('Fatima Rahman');
  });

  it('reads a busy page at most once per throttle period', async () => {
    const reader = countingReader();
    const sent: CallSnapshot[] = [];
    stop = watchPage({ reader, onSnapshot: (s) => sent.push(s), throttleMs: 1000, getUrl: () => URL_IN_CALL });
    expect(reader.read).toHaveBeenCalledTimes(1);

    // 30 people join over 3 seconds, one every 100 ms.
    for (let i = 0; i < 30; i++) {
      addPerson(`Person ${i}`, 400 + i);
      await advance(100);
    }
    await advance(1000);
    expect(reader.read.mock.calls.length).toBeGreaterThanOrEqual(3);
    expect(reader.read.mock.calls.length).toBeLessThanOrEqual(5);
    expect(sent.at(-1)!.participants).toHaveLength(36);
    expect(sent.length).toBe(reader.read.mock.calls.length);
  });

  it('waits for the throttle period after a read before reading again', async () => {
    const reader = countingReader();
    stop = watchPage({ reader, onSnapshot: () => {}, throttleMs: 1000, getUrl: () => URL_IN_CALL });
    addPerson('Fatima Rahman', 301);
    await advance(999);
    expect(reader.read).toHaveBeenCalledTimes(1);
    await advance(1);
    expect(reader.read).toHaveBeenCalledTimes(2);
  });

  it('ignores attributes no reader looks at', async () => {
    const reader = countingReader();
    stop = watchPage({ reader, onSnapshot: () => {}, getUrl: () => URL_IN_CALL });
    const tile = document.querySelector('.oZRSLe')!;
    tile.setAttribute('class', 'oZRSLe speaking');
    tile.setAttribute('style', 'outline: 2px solid blue');
    await advance(2000);
    expect(reader.read).toHaveBeenCalledTimes(1);
  });

  it('sends again when the address changes without a page load', async () => {
    let url = URL_IN_CALL;
    const sent: CallSnapshot[] = [];
    stop = watchPage({ reader: meetReader, onSnapshot: (s) => sent.push(s), getUrl: () => url });
    url = 'https://meet.google.com/abc-defg-hij';
    window.dispatchEvent(new Event('popstate'));
    await advance(1000);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.callKey).toBe('meet:abc-defg-hij');
  });

  it('reads nothing on addresses it must not read, and sends again on coming back', async () => {
    let url = 'https://outlook.office.com/mail/';
    const reader = countingReader();
    const sent: CallSnapshot[] = [];
    stop = watchPage({
      reader,
      onSnapshot: (s) => sent.push(s),
      getUrl: () => url,
      shouldRead: (u) => !u.includes('/mail/'),
    });
    expect(reader.read).not.toHaveBeenCalled();
    url = URL_IN_CALL;
    window.dispatchEvent(new Event('hashchange'));
    await advance(1000);
    expect(sent).toHaveLength(1);
    url = 'https://outlook.office.com/mail/';
    addPerson('Fatima Rahman', 301);
    await advance(1000);
    url = URL_IN_CALL;
    window.dispatchEvent(new Event('hashchange'));
    await advance(1000);
    expect(sent).toHaveLength(2);
  });

  it('stops: no more reads or sends', async () => {
    const reader = countingReader();
    const sent: CallSnapshot[] = [];
    stop = watchPage({ reader, onSnapshot: (s) => sent.push(s), getUrl: () => URL_IN_CALL });
    addPerson('Fatima Rahman', 301);
    stop();
    await advance(5000);
    window.dispatchEvent(new Event('popstate'));
    await advance(5000);
    expect(reader.read).toHaveBeenCalledTimes(1);
    expect(sent).toHaveLength(1);
  });

  it('survives a reader that throws and reads again at the next change', async () => {
    let fail = true;
    const sent: CallSnapshot[] = [];
    const reader: PlatformReader<CallSnapshot> = {
      id: 'meet',
      read: (doc, url) => {
        if (fail) throw new Error('half-rendered');
        return meetReader.read(doc, url);
      },
    };
    stop = watchPage({ reader, onSnapshot: (s) => sent.push(s), getUrl: () => URL_IN_CALL });
    expect(sent).toHaveLength(0);
    fail = false;
    addPerson('Fatima Rahman', 301);
    await advance(1000);
    expect(sent).toHaveLength(1);
  });
});

describe('observerPass', () => {
  it('reads once and says whether the result differs from the previous fingerprint', () => {
    const doc = loadFixture('meet/large-call-300.html');
    const first = observerPass(meetReader, doc, URL_IN_CALL, null);
    expect(first.changed).toBe(true);
    expect(first.snapshot.participants).toHaveLength(300);
    const again = observerPass(meetReader, doc, URL_IN_CALL, first.fingerprint);
    expect(again.changed).toBe(false);
    expect(again.fingerprint).toBe(first.fingerprint);
    expect(observerPass(meetReader, doc, `${URL_IN_CALL}?authuser=1`, first.fingerprint).changed).toBe(true);
  });
});
