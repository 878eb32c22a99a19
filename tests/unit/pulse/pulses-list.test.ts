import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from '#imports';
import { announceChange } from '../../../utils/db/changes';
import type { PulseDatabase } from '../../../utils/db/schema';
import { PulsesListModel, selectedPulse } from '../../../utils/pulse/pulses-list';
import { meeting, pulse } from '../../factories';
import { freshDb, putPulse } from '../db/helpers';

/** Lets the model's reads run: enough where nothing more is expected to happen. */
const settle = async () => {
  for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
};
/** Waits for what the model must read: IndexedDB can run past settle() on a loaded machine. */
const until = (check: () => void) => vi.waitFor(check, { timeout: 20_000, interval: 10 });
const listed = (model: PulsesListModel, ids: string[]) =>
  until(() => expect(model.pulses.value?.map((p) => p.id)).toEqual(ids));

let db: PulseDatabase;
const older = () => pulse({ id: 'older', partnershipId: 'p1', createdAt: 1_000 });
const newer = () => pulse({ id: 'newer', partnershipId: 'p1', meetingId: 'm1', createdAt: 2_000 });

beforeEach(async () => {
  fakeBrowser.reset();
  db = await freshDb('pulses-list');
});

describe('the pulse shown', () => {
  it('is the one picked while it is listed, else the first', () => {
    const list = [newer(), older()];
    expect(selectedPulse(list, 'older')?.id).toBe('older');
    expect(selectedPulse(list, 'gone')?.id).toBe('newer');
    expect(selectedPulse(list, null)?.id).toBe('newer');
    expect(selectedPulse([], 'older')).toBeUndefined();
    expect(selectedPulse(null, 'older')).toBeUndefined();
  });
});

describe('the pulses list’s model', { timeout: 30_000 }, () => {
  it('reads the pulses and their meetings, and again when a pulse is added', async () => {
    await db.put('meetings', meeting({ id: 'm1', partnershipId: 'p1' }));
    await putPulse(db, older());
    const model = new PulsesListModel(db);
    expect(model.pulses.value).toBeNull();
    await listed(model, ['older']);
    expect(model.selected.value?.id).toBe('older');
    await putPulse(db, newer());
    announceChange({ store: 'pulses', ids: ['newer'] });
    await listed(model, ['newer', 'older']);
    await until(() => expect(model.meetings.value.m1?.id).toBe('m1'));
    model[Symbol.dispose]();
  });

  it('opens the form for the meeting it was opened from, and shows a started pulse as started until another is picked', async () => {
    await putPulse(db, older());
    const model = new PulsesListModel(db, 'm1');
    expect(model.starting.value).toEqual({ meetingId: 'm1' });
    await listed(model, ['older']);
    model.started(newer());
    expect(model.starting.value).toBeNull();
    // Not listed yet: the first is shown, without the "started" note.
    expect(model.selected.value?.id).toBe('older');
    expect(model.showStarted.value).toBe(false);
    await putPulse(db, newer());
    announceChange({ store: 'pulses', ids: ['newer'] });
    await until(() => expect(model.selected.value?.id).toBe('newer'));
    expect(model.showStarted.value).toBe(true);
    model.select('older');
    expect(model.selected.value?.id).toBe('older');
    expect(model.showStarted.value).toBe(false);
    model.start();
    expect(model.starting.value).toEqual({});
    model.cancel();
    expect(model.starting.value).toBeNull();
    model[Symbol.dispose]();
  });

  it('reads nothing more once disposed', async () => {
    const model = new PulsesListModel(db);
    await listed(model, []);
    model[Symbol.dispose]();
    await putPulse(db, older());
    announceChange({ store: 'pulses', ids: ['older'] });
    await settle();
    expect(model.pulses.value).toEqual([]);
  });
});
