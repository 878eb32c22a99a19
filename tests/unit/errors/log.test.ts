import { describe, expect, it } from 'vitest';
import { fakeBrowser } from '#imports';
import type { ErrorLogEntry } from '../../../utils/your-data/bundle/format';
import { clearErrorLog, ERROR_LOG_LIMIT, readErrorLog, recordError } from '../../../utils/errors/log';

const entry = (n: number): ErrorLogEntry => ({
  at: n,
  page: 'dashboard',
  message: `TypeError: ${n}`,
  version: '0.1.0',
});

describe('the local error log', () => {
  it('is empty at first', async () => {
    expect(await readErrorLog()).toEqual([]);
  });

  it('keeps entries in the order they happened, in extension storage under errorLog', async () => {
    await recordError(entry(1));
    await recordError(entry(2));
    expect(await readErrorLog()).toEqual([entry(1), entry(2)]);
    expect(await fakeBrowser.storage.local.get('errorLog')).toEqual({ errorLog: [entry(1), entry(2)] });
  });

  it(`keeps only the last ${ERROR_LOG_LIMIT}, dropping the oldest`, async () => {
    expect(ERROR_LOG_LIMIT).toBe(50);
    for (let n = 1; n <= 53; n++) await recordError(entry(n));
    const log = await readErrorLog();
    expect(log).toHaveLength(50);
    expect(log[0]).toEqual(entry(4));
    expect(log.at(-1)).toEqual(entry(53));
  });

  it('loses none of several errors recorded at once', async () => {
    await Promise.all([1, 2, 3, 4, 5].map((n) => recordError(entry(n))));
    expect((await readErrorLog()).map((e) => e.at)).toEqual([1, 2, 3, 4, 5]);
  });

  it('can be cleared', async () => {
    await recordError(entry(1));
    await clearErrorLog();
    expect(await readErrorLog()).toEqual([]);
  });
});
