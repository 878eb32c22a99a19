import { describe, expect, it, vi } from 'vitest';
import { announceChange, onChange, type Change } from '../../../utils/db/changes';

/** Another page's end of the channel. */
function otherPage(): { channel: BroadcastChannel; received: Change[]; next: () => Promise<unknown> } {
  const channel = new BroadcastChannel('partnership-pulse');
  const received: Change[] = [];
  let resolve: (value: unknown) => void = () => {};
  channel.addEventListener('message', (event) => {
    received.push((event as MessageEvent<Change>).data);
    resolve(undefined);
  });
  return { channel, received, next: () => new Promise((r) => (resolve = r)) };
}

describe('changes', () => {
  it("calls this page's listeners at once, and stops after unsubscribe", () => {
    const listener = vi.fn();
    const stop = onChange(listener);
    announceChange({ store: 'meetings', ids: ['a'] });
    expect(listener).toHaveBeenCalledWith({ store: 'meetings', ids: ['a'] });
    stop();
    announceChange({ store: 'meetings', ids: ['b'] });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('posts every change to the other pages', async () => {
    const other = otherPage();
    const arrived = other.next();
    announceChange({ store: 'people', ids: ['p1', 'p2'] });
    await arrived;
    expect(other.received).toEqual([{ store: 'people', ids: ['p1', 'p2'] }]);
    other.channel.close();
  });

  it("delivers changes announced by other pages to this page's listeners", async () => {
    const other = otherPage();
    const seen: Change[] = [];
    const stop = onChange((change) => seen.push(change));
    const arrived = new Promise<void>((resolve) => {
      const stopWaiting = onChange(() => {
        stopWaiting();
        resolve();
      });
    });
    other.channel.postMessage({ store: 'organisations', ids: ['o1'] });
    await arrived;
    expect(seen).toEqual([{ store: 'organisations', ids: ['o1'] }]);
    stop();
    other.channel.close();
  });

  it('ignores messages that are not changes', async () => {
    const other = otherPage();
    const seen: unknown[] = [];
    const stop = onChange((change) => seen.push(change));
    other.channel.postMessage({ store: 'nope', ids: ['x'] });
    other.channel.postMessage({ store: 'meetings', ids: [1] });
    other.channel.postMessage('meetings');
    other.channel.postMessage({ store: 'meetings', ids: ['ok'] });
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    expect(seen).toEqual([{ store: 'meetings', ids: ['ok'] }]);
    stop();
    other.channel.close();
  });

  it('carries a local-only change as such to the other pages, and drops one whose mark is forged', async () => {
    const other = otherPage();
    const arrived = other.next();
    announceChange({ store: 'pulses', ids: ['p1'], localOnly: true });
    await arrived;
    expect(other.received).toEqual([{ store: 'pulses', ids: ['p1'], localOnly: true }]);
    const seen: unknown[] = [];
    const stop = onChange((change) => seen.push(change));
    other.channel.postMessage({ store: 'pulses', ids: ['p2'], localOnly: 'yes' });
    other.channel.postMessage({ store: 'pulses', ids: ['p3'], localOnly: true });
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    expect(seen).toEqual([{ store: 'pulses', ids: ['p3'], localOnly: true }]);
    stop();
    other.channel.close();
  });

  it('keeps calling the other listeners when one throws', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const stopBroken = onChange(() => {
      throw new Error('broken view');
    });
    const listener = vi.fn();
    const stop = onChange(listener);
    announceChange({ store: 'drafts', ids: ['k'] });
    expect(listener).toHaveBeenCalledOnce();
    expect(error).toHaveBeenCalled();
    stopBroken();
    stop();
    error.mockRestore();
  });

  it('does not announce an empty change', () => {
    const listener = vi.fn();
    const stop = onChange(listener);
    announceChange({ store: 'meetings', ids: [] });
    expect(listener).not.toHaveBeenCalled();
    stop();
  });
});
