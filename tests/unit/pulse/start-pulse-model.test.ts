import { signal } from '@preact/signals';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Membership, Organisation, Person } from '../../../utils/db/records';
import { getDraft } from '../../../utils/db/drafts';
import { announceChange } from '../../../utils/db/changes';
import { listPulses } from '../../../utils/db/pulses';
import { openDraft } from '../../../utils/models/draft';
import { startPulseDraftKey } from '../../../utils/pulse/start-form';
import { StartPulseModel, startPulseStart } from '../../../utils/pulse/start-pulse-model';
import { anonymityThreshold } from '../../../utils/settings/settings';
import { meeting, membership, organisation, partnership, person, putAll, T0 } from '../../factories';
import { freshDb } from '../db/helpers';

/** Waits for what the model must read: IndexedDB can run past a fixed number of ticks on a loaded machine. */
const until = (check: () => void) => vi.waitFor(check, { timeout: 20_000, interval: 10 });
const meetingsRead = (model: StartPulseModel, ids: string[]) =>
  until(() => expect(model.meetings.value.map((m) => m.id).sort()).toEqual(ids));

const disposables: Array<{ [Symbol.dispose](): void }> = [];
const drafts: Array<{ flushed(): Promise<unknown> }> = [];
afterEach(async () => {
  await Promise.all(drafts.splice(0).map((draft) => draft.flushed()));
  disposables.splice(0).forEach((model) => model[Symbol.dispose]());
  // Each test's draft starts afresh: none mirrored from the one before.
  localStorage.clear();
});

async function setUp(opened: { meetingId?: string } = {}) {
  const db = await freshDb();
  const organisations: Organisation[] = [
    organisation({ id: 'o1', name: 'Riverside' }),
    organisation({ id: 'o2', name: 'Eastside' }),
  ];
  const memberships: Membership[] = [
    membership({ partnershipId: 'p1', organisationId: 'o1', partnerType: 'lead', joinedOn: '2020-01-01' }),
    membership({ partnershipId: 'p1', organisationId: 'o2', partnerType: 'wider', joinedOn: '2020-01-01' }),
  ];
  const people: Person[] = [person({ id: 'a', organisationId: 'o1', displayNames: ['Ann'] })];
  await putAll(db, {
    partnerships: [partnership({ id: 'p1' })],
    organisations,
    memberships,
    people,
    meetings: [meeting({ id: 'm1', partnershipId: 'p1', title: 'Core', startAt: T0, organisationIds: ['o2'] })],
  });
  await anonymityThreshold.setValue(4);
  const records = { memberships: signal(memberships), organisations: signal(organisations), people: signal(people) };
  const key = startPulseDraftKey({ ...opened, partnershipId: 'p1' });
  const draft = await openDraft(db, key, () => startPulseStart(db, records, { ...opened, defaultPartnershipId: 'p1' }));
  const model = new StartPulseModel(db, records, draft);
  disposables.push(model, draft);
  drafts.push(draft);
  return { db, model, draft, key };
}

describe('the start-a-pulse form’s model', { timeout: 30_000 }, () => {
  it('starts from the partnership, the threshold setting and its current members, with no errors shown', async () => {
    const { model } = await setUp();
    const { form } = model.values.value;
    expect(form).toMatchObject({ partnershipId: 'p1', meetingId: '', threshold: '4', invited: ['o1', 'o2'] });
    expect(model.errors.value).toEqual({ wording: {}, extras: [] });
    expect(model.invalid.value).toBe(false);
    expect(model.inviteOptions.value.map((o) => o.value)).toEqual(['o1', 'o2']);
    expect(model.groups.value.map((g) => g.organisationId)).toEqual(['o1', 'o2']);
    expect(model.seatOrganisation.value).toBe('o1');
    await meetingsRead(model, ['m1']);
  });

  it('opened from a meeting, invites those present; choosing a meeting invites its organisations', async () => {
    const fromMeeting = await setUp({ meetingId: 'm1' });
    expect(fromMeeting.model.values.value.form).toMatchObject({ meetingId: 'm1', invited: ['o2'] });
    const { model } = await setUp();
    await meetingsRead(model, ['m1']);
    model.chooseMeeting('m1');
    expect(model.values.value.form).toMatchObject({ meetingId: 'm1', invited: ['o2'] });
  });

  it('changes each field in the draft', async () => {
    const { model, draft } = await setUp();
    model.setWording('trust', 'We keep our word.');
    model.addExtra();
    model.setExtraWording(0, 'Anything else?');
    model.setExtraScale(0, 'text');
    model.addExtra();
    model.removeExtra(1);
    model.setDays('7');
    model.setThreshold('5');
    model.setPeriodStart('2025-01-01');
    model.setPeriodEnd('2025-01-31');
    model.setInvited(['o1']);
    expect(draft.values.value.form).toMatchObject({
      wording: { trust: 'We keep our word.' },
      extras: [{ wording: 'Anything else?', scale: 'text' }],
      days: '7',
      threshold: '5',
      periodStart: '2025-01-01',
      periodEnd: '2025-01-31',
      invited: ['o1'],
    });
  });

  it('adds a person by name to a seat, refuses a blank name (kept, said), and unticks people', async () => {
    const { model } = await setUp();
    model.setSeatName('  ');
    model.addSeat();
    expect(model.seatError.value).toBe('required');
    model.setSeatOrganisation('o2');
    model.setSeatName('Bo');
    model.addSeat();
    expect(model.seatError.value).toBeUndefined();
    expect(model.values.value.seatName).toBe('');
    expect(model.groups.value.find((g) => g.organisationId === 'o2')!.choices.map((c) => c.name)).toEqual(['Bo']);
    model.setTicked('o1', []);
    expect(model.groups.value[0]!.choices.map((c) => c.ticked)).toEqual([false]);
  });

  it('a start with errors shows them, stores nothing and keeps everything typed in the draft', async () => {
    const { db, model, draft, key } = await setUp();
    model.setWording('equity', ' ');
    model.setDays('0');
    model.setThreshold('1');
    expect(model.errors.value).toEqual({ wording: {}, extras: [] });
    expect(await model.start()).toBeNull();
    expect(model.errors.value).toMatchObject({ wording: { equity: 'required' }, days: 'days', threshold: 'threshold' });
    expect(await listPulses(db)).toEqual([]);
    expect(draft.values.value.form).toMatchObject({ days: '0', threshold: '1' });
    await draft.flushed();
    expect((await getDraft(db, key))?.value).toMatchObject({ form: { days: '0' } });
    model.setDays('3');
    expect(model.errors.value.days).toBeUndefined();
  });

  it('starts the pulse with its seats and drops the draft', async () => {
    const { db, model, draft, key } = await setUp();
    model.setTicked('o1', ['person:a']);
    const pulse = await model.start();
    expect(pulse).toMatchObject({ partnershipId: 'p1', threshold: 4, invitedOrganisationIds: ['o1', 'o2'] });
    expect((await listPulses(db)).map((p) => p.id)).toEqual([pulse!.id]);
    await draft.flushed();
    expect(await getDraft(db, key)).toBeUndefined();
    expect(model.busy.value).toBe(false);
  });

  it('reads the meetings again when one changes', async () => {
    const { db, model } = await setUp();
    await meetingsRead(model, ['m1']);
    await putAll(db, { meetings: [meeting({ id: 'm2', partnershipId: 'p1', title: 'Wider', startAt: T0 + 1000 })] });
    announceChange({ store: 'meetings', ids: ['m2'] });
    await meetingsRead(model, ['m1', 'm2']);
  });
});
