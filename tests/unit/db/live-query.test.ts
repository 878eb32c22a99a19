import { afterEach, describe, expect, it, vi } from 'vitest';
import { announceChange } from '../../../utils/db/changes';
import { subscribeLiveQuery } from '../../../utils/db/live-query';

/** A query whose answers the test releases one by one, in any order. */
function controlledQuery() {
  const pending: Array<(value: string) => void> = [];
  const query = () => new Promise<string>((resolve) => pending.push(resolve));
  return { query, pending };
}

/** Lets answers run: enough where nothing more is expected to happen. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
/** Waits for what must happen, however long a loaded machine takes. */
const until = (check: () => void) => vi.waitFor(check, { timeout: 20_000, interval: 10 });

describe('subscribeLiveQuery', { timeout: 30_000 }, () => {
  const stops: Array<() => void> = [];
  afterEach(() => stops.splice(0).forEach((stop) => stop()));

  it('keeps the newest answer when an older read finishes after it', async () => {
    const { query, pending } = controlledQuery();
    const seen: string[] = [];
    stops.push(subscribeLiveQuery(query, ['pulses'], (value) => seen.push(value)));
    announceChange({ store: 'pulses', ids: ['p1'] });
    expect(pending).toHaveLength(2);
    pending[1]!('new');
    await until(() => expect(seen).toEqual(['new']));
    pending[0]!('old');
    await tick();
    expect(seen).toEqual(['new']);
  });

  it('reads again only when a store it reads changed', async () => {
    const { query, pending } = controlledQuery();
    stops.push(subscribeLiveQuery(query, ['pulses', 'meetings'], () => {}));
    expect(pending).toHaveLength(1);
    announceChange({ store: 'responses', ids: ['r1'] });
    announceChange({ store: 'organisations', ids: ['o1'] });
    expect(pending).toHaveLength(1);
    announceChange({ store: 'meetings', ids: ['m1'] });
    expect(pending).toHaveLength(2);
  });

  it('delivers nothing once stopped, and stops listening', async () => {
    const { query, pending } = controlledQuery();
    const seen: string[] = [];
    const stop = subscribeLiveQuery(query, ['pulses'], (value) => seen.push(value));
    stop();
    pending[0]!('late');
    await tick();
    announceChange({ store: 'pulses', ids: ['p1'] });
    expect(seen).toEqual([]);
    expect(pending).toHaveLength(1);
  });

  it('passes a failed read to the error handler, not the result', async () => {
    const seen: string[] = [];
    const errors: unknown[] = [];
    const failure = new Error('read failed');
    stops.push(
      subscribeLiveQuery(
        () => Promise.reject(failure),
        ['pulses'],
        (value: string) => seen.push(value),
        (error) => errors.push(error),
      ),
    );
    await until(() => expect(errors).toEqual([failure]));
    await tick();
    expect(seen).toEqual([]);
    expect(errors).toEqual([failure]);
  });
});
