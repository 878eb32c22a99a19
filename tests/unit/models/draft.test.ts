import { afterEach, describe, expect, it } from 'vitest';
import { closePulseDb, openPulseDb } from '../../../utils/db/open';
import { getDraft } from '../../../utils/db/drafts';
import { openDraft } from '../../../utils/models/draft';
import { emptyForm } from '../../../utils/meeting/form/form';

let dbName = '';
async function freshDb() {
  dbName = `form-model-${crypto.randomUUID()}`;
  return openPulseDb(dbName);
}

afterEach(async () => {
  await closePulseDb(dbName);
  localStorage.clear();
});

const start = new Date(2026, 10, 25, 10, 0).getTime();

describe('a draft model (here, of a meeting form)', () => {
  it('starts from the initial values when there is no draft', async () => {
    const db = await freshDb();
    const form = await openDraft(db, 'new', () => ({ ...emptyForm(start), title: 'Fresh' }));
    expect(form.values.value.title).toBe('Fresh');
    expect(form.restoredFromDraft.value).toBe(false);
  });

  it('stores every change as a draft that a new form picks up', async () => {
    const db = await freshDb();
    const form = await openDraft(db, 'new', () => emptyForm(start));
    for (const title of ['C', 'Co', 'Cor', 'Core']) form.update((v) => ({ ...v, title }));
    await form.flushed();
    expect((await getDraft<{ title: string }>(db, 'new'))?.value.title).toBe('Core');
    expect(localStorage.length).toBe(0);

    const reopened = await openDraft(db, 'new', () => emptyForm(start));
    expect(reopened.values.value.title).toBe('Core');
    expect(reopened.restoredFromDraft.value).toBe(true);
  });

  it('keeps the last keystroke even when the page closes before IndexedDB commits it', async () => {
    const db = await freshDb();
    const form = await openDraft(db, 'call:meet:abc', () => emptyForm(start));
    form.update((v) => ({ ...v, notes: 'Ask the council' }));
    await form.flushed();

    // From here on the page is closing: IndexedDB writes are accepted but never land.
    const dying = { get: db.get.bind(db), put: () => new Promise(() => {}) } as unknown as typeof db;
    const closing = await openDraft(dying, 'call:meet:abc', () => emptyForm(start));
    closing.update((v) => ({ ...v, notes: 'Ask the council about the venue' }));
    expect((await getDraft<{ notes: string }>(db, 'call:meet:abc'))?.value.notes).toBe('Ask the council');

    const reopened = await openDraft(db, 'call:meet:abc', () => emptyForm(start));
    expect(reopened.values.value.notes).toBe('Ask the council about the venue');
  });

  it('discards the draft and its copy once the meeting is saved', async () => {
    const db = await freshDb();
    const form = await openDraft(db, 'new', () => emptyForm(start));
    form.update((v) => ({ ...v, title: 'Saved soon' }));
    await form.discardDraft();
    expect(await getDraft(db, 'new')).toBeUndefined();
    expect(localStorage.length).toBe(0);
    const reopened = await openDraft(db, 'new', () => emptyForm(start));
    expect(reopened.values.value.title).toBe('');
  });

  it('ignores a change that changes nothing', async () => {
    const db = await freshDb();
    const form = await openDraft(db, 'new', () => emptyForm(start));
    form.update((v) => v);
    await form.flushed();
    expect(await getDraft(db, 'new')).toBeUndefined();
  });

  it('lets a change under way finish when the model is disposed (the panel closed mid-keystroke)', async () => {
    const db = await freshDb();
    const form = await openDraft(db, 'new', () => emptyForm(start));
    form.update((v) => ({ ...v, title: 'Typed just before closing' }));
    form[Symbol.dispose]();
    await form.flushed();
    expect((await getDraft<{ title: string }>(db, 'new'))?.value.title).toBe('Typed just before closing');
    const reopened = await openDraft(db, 'new', () => emptyForm(start));
    expect(reopened.values.value.title).toBe('Typed just before closing');
    expect(reopened.restoredFromDraft.value).toBe(true);
  });
});
