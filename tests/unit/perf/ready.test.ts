import { beforeEach, describe, expect, it, vi } from 'vitest';

/** A fresh page: the module's promise and the performance timeline as a page starts them. */
async function freshPage() {
  vi.resetModules();
  performance.clearMarks('pp-ready');
  return import('../../../utils/perf/ready');
}

beforeEach(() => performance.clearMarks('pp-ready'));

describe('the page-ready mark', () => {
  it('lets work that can wait start only once the page shows its content', async () => {
    const { markReady, whenReady } = await freshPage();
    let started = false;
    void whenReady().then(() => (started = true));
    // Nothing marks the page ready yet: a few turns of the queue start nothing.
    for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
    expect(started).toBe(false);
    expect(performance.getEntriesByName('pp-ready')).toHaveLength(0);
    markReady();
    await vi.waitFor(() => expect(started).toBe(true), { timeout: 20_000, interval: 10 });
    expect(performance.getEntriesByName('pp-ready')).toHaveLength(1);
  });

  it('keeps the first moment: later calls change nothing', async () => {
    const { markReady, whenReady } = await freshPage();
    markReady();
    const [first] = performance.getEntriesByName('pp-ready');
    markReady();
    markReady();
    expect(performance.getEntriesByName('pp-ready')).toEqual([first]);
    await expect(whenReady()).resolves.toBeUndefined();
  });
});
