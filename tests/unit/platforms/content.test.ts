import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from '#imports';
import type { SnapshotMessage } from '../../../utils/browser/messaging';
import { runReader, type ReaderContext } from '../../../utils/platforms/content';
import { meetReader } from '../../../utils/platforms/meet';
import type { CallSnapshot } from '../../../utils/platforms/snapshot';
import { enabledPlatforms } from '../../../utils/settings/settings';
import { loadFixture } from './fixture';

// Every context a test made, invalidated after it: a reader left running would keep sending into
// the next test (the settings watchers it stops on are reset between tests).
const contexts: Array<{ invalidate(): void }> = [];

function fakeContext(): ReaderContext & { invalidate(): void } {
  const callbacks: Array<() => void> = [];
  let invalid = false;
  const context = {
    get isInvalid() {
      return invalid;
    },
    onInvalidated: (callback) => callbacks.push(callback),
    invalidate() {
      invalid = true;
      callbacks.forEach((callback) => callback());
    },
  } satisfies ReaderContext & { invalidate(): void };
  contexts.push(context);
  return context;
}

function addPerson(name: string): void {
  const row = document.createElement('div');
  row.setAttribute('role', 'listitem');
  row.setAttribute('aria-label', name);
  row.setAttribute('data-participant-id', `spaces/x/devices/${name.length}`);
  document.querySelector('[role="list"][aria-label="Participants"]')!.append(row);
}

const settle = () => vi.advanceTimersByTimeAsync(1500);

describe('runReader', () => {
  let received: CallSnapshot[];
  beforeEach(() => {
    vi.useFakeTimers();
    const page = loadFixture('meet/small-call.html');
    document.documentElement.replaceChildren(
      ...[...page.documentElement.children].map((c) => document.importNode(c, true)),
    );
    received = [];
    fakeBrowser.runtime.onMessage.addListener((message: SnapshotMessage) => {
      received.push(message.snapshot as CallSnapshot);
    });
  });
  afterEach(() => {
    for (const context of contexts.splice(0)) context.invalidate();
    vi.useRealTimers();
  });

  const getUrl = () => 'https://meet.google.com/xkr-pqnd-tws';

  it('sends the page’s snapshot to the background while the platform is on', async () => {
    runReader(fakeContext(), meetReader, { getUrl });
    await settle();
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      kind: 'call',
      platform: 'meet',
      callKey: 'meet:xkr-pqnd-tws',
      selfName: 'Priya Raman',
    });
    addPerson('Fatima Rahman');
    await settle();
    expect(received).toHaveLength(2);
  });

  it('does nothing while the platform is switched off, and starts when it is switched on', async () => {
    await enabledPlatforms.setValue(['zoom', 'teams']);
    runReader(fakeContext(), meetReader, { getUrl });
    await settle();
    addPerson('Fatima Rahman');
    await settle();
    expect(received).toHaveLength(0);

    await enabledPlatforms.setValue(['meet']);
    await settle();
    expect(received).toHaveLength(1);
    expect(received[0]!.participants!.map((p) => p.name)).toContain('Fatima Rahman');
  });

  it('stops when switched off in the settings', async () => {
    runReader(fakeContext(), meetReader, { getUrl });
    await settle();
    await enabledPlatforms.setValue(['gcal']);
    await settle();
    addPerson('Fatima Rahman');
    await settle();
    expect(received).toHaveLength(1);
  });

  it('stops for good when the extension goes away under the page', async () => {
    const ctx = fakeContext();
    runReader(ctx, meetReader, { getUrl });
    await settle();
    ctx.invalidate();
    addPerson('Fatima Rahman');
    await enabledPlatforms.setValue(['meet', 'zoom']);
    await settle();
    expect(received).toHaveLength(1);
  });

  it('does not fail when nobody listens', async () => {
    fakeBrowser.reset(); // drops the listener the other tests use
    runReader(fakeContext(), meetReader, { getUrl });
    await settle();
    addPerson('Fatima Rahman');
    await settle();
    expect(received).toHaveLength(0);
  });
});
