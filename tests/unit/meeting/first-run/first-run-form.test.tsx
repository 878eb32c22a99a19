import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FirstRun } from '../../../../components/meeting/FirstRun';
import type { PulseDatabase } from '../../../../utils/db/schema';
import { listPartnerships } from '../../../../utils/db/partnerships';
import { LIMITS } from '../../../../utils/db/limits';
import { freshDb } from '../../db/helpers';

/** Lets the form's work run: enough where nothing more is expected to happen. */
const flush = async () => {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
};
/** Waits for what must happen: the form's database work can run past flush() on a loaded machine. */
const until = (check: () => void) => vi.waitFor(check, { timeout: 20_000, interval: 10 });

afterEach(() => render(null, document.body));

/** Types into a field as the browser does: the value, then an input event. */
function type(field: HTMLInputElement, text: string) {
  field.value = text;
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

async function firstRun(people: Array<{ displayName: string }>) {
  const db = (await freshDb()) as PulseDatabase;
  const onCreated = vi.fn();
  render(
    <FirstRun db={db} title="" people={people} selfName={null} organisations={[]} onCreated={onCreated} />,
    document.body,
  );
  await until(() => expect(document.getElementById('first-run-org-0')).not.toBeNull());
  const create = async () => {
    const buttons = document.querySelectorAll<HTMLButtonElement>('.first-run button');
    buttons[buttons.length - 1]!.click();
    await flush();
  };
  const errorOf = (id: string) => document.getElementById(`${id}-error`)?.textContent ?? null;
  return { db, onCreated, create, errorOf };
}

describe('the first run’s "too long"', { timeout: 30_000 }, () => {
  it('says the limit the check enforces: a name of that length is taken, one character more refused', async () => {
    const { db, onCreated, create, errorOf } = await firstRun([{ displayName: 'Sam' }]);
    const name = document.getElementById('first-run-name') as HTMLInputElement;
    const org = document.getElementById('first-run-org-0') as HTMLInputElement;

    // Far too long: the message names the limit.
    type(name, 'n'.repeat(5_000));
    type(org, 'o'.repeat(5_000));
    await create();
    await until(() => expect(errorOf('first-run-name')).toMatch(/at most ([\d,]+) characters/));
    const said = /at most ([\d,]+) characters/.exec(errorOf('first-run-name') ?? '');
    expect(said, errorOf('first-run-name') ?? 'no error shown').not.toBeNull();
    const limit = Number(said![1]!.replace(/,/g, ''));
    expect(errorOf('first-run-org-0')).toBe(errorOf('first-run-name'));
    // The database's own limit for a name: the first run takes any name the management page takes.
    expect(limit).toBe(LIMITS.name);

    // One over the limit said: still refused, at both fields, nothing stored.
    type(name, 'n'.repeat(limit + 1));
    type(org, 'o'.repeat(limit + 1));
    await create();
    await until(() => expect(errorOf('first-run-name')).not.toBeNull());
    await until(() => expect(errorOf('first-run-org-0')).not.toBeNull());
    expect(await listPartnerships(db)).toHaveLength(0);

    // Exactly the limit said: taken, and the records written (the database's own limits agree).
    type(name, 'n'.repeat(limit));
    type(org, 'o'.repeat(limit));
    await create();
    await until(() => expect(errorOf('first-run-name')).toBeNull());
    await until(() => expect(errorOf('first-run-org-0')).toBeNull());
    await until(() => expect(onCreated).toHaveBeenCalledOnce());
    expect((await listPartnerships(db)).map((p) => p.name)).toEqual(['n'.repeat(limit)]);
  });
});
