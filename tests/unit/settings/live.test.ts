import { describe, expect, it, vi } from 'vitest';
import { subscribeSetting, type SettingItem } from '../../../utils/settings/live';

/** A setting whose first read answers when told to, and whose changes are sent by hand. */
function fakeSetting<T>() {
  let answer!: { resolve: (value: T) => void; reject: (error: unknown) => void };
  const watchers = new Set<(value: T) => void>();
  const item: SettingItem<T> = {
    getValue: () => new Promise<T>((resolve, reject) => (answer = { resolve, reject })),
    watch: (callback) => {
      watchers.add(callback);
      return () => watchers.delete(callback);
    },
  };
  return { item, answer: () => answer, change: (value: T) => watchers.forEach((w) => w(value)), watchers };
}

/** Lets the read's answer run: enough where nothing more is expected to happen. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
/** Waits for what must happen, however long a loaded machine takes. */
const until = (check: () => void) => vi.waitFor(check, { timeout: 20_000, interval: 10 });

describe('a live setting', { timeout: 30_000 }, () => {
  it('delivers the first read, then every change', async () => {
    const setting = fakeSetting<number>();
    const seen: number[] = [];
    subscribeSetting(setting.item, (value) => seen.push(value));
    setting.answer().resolve(3);
    await until(() => expect(seen).toEqual([3]));
    setting.change(5);
    expect(seen).toEqual([3, 5]);
  });

  it('drops a first read that finishes after a change: the change is newer', async () => {
    const setting = fakeSetting<number>();
    const seen: number[] = [];
    subscribeSetting(setting.item, (value) => seen.push(value));
    setting.change(5);
    setting.answer().resolve(3);
    await settle();
    expect(seen).toEqual([5]);
  });

  it('delivers nothing once stopped, and stops watching', async () => {
    const setting = fakeSetting<number>();
    const onValue = vi.fn();
    const stop = subscribeSetting(setting.item, onValue);
    stop();
    setting.answer().resolve(3);
    await settle();
    expect(setting.watchers.size).toBe(0);
    expect(onValue).not.toHaveBeenCalled();
  });

  it('reports a read that fails', async () => {
    const setting = fakeSetting<number>();
    const onError = vi.fn();
    subscribeSetting(setting.item, () => undefined, onError);
    setting.answer().reject(new Error('storage unavailable'));
    await until(() => expect(onError).toHaveBeenCalledWith(new Error('storage unavailable')));
  });
});
