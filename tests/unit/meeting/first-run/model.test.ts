import { describe, expect, it } from 'vitest';
import { listPartnerships } from '../../../../utils/db/partnerships';
import { FirstRunModel, organisationChoices } from '../../../../utils/meeting/first-run/model';
import { MAX_NAME_LENGTH } from '../../../../utils/meeting/first-run/plan';
import { organisation } from '../../../factories';
import { freshDb } from '../../db/helpers';

const call = {
  people: [{ displayName: 'Priya Raman' }, { displayName: 'Tom Fairbairn', email: 'tom@council.example' }],
  selfName: 'Priya Raman',
};

describe('the first run’s organisation choices', () => {
  it('offers the ones typed here first, then the stored ones, each name once', () => {
    expect(
      organisationChoices(
        [{ name: 'CVS' }],
        [organisation({ id: 'o1', name: 'Council' }), organisation({ id: 'o2', name: 'CVS' })],
      ),
    ).toEqual(['CVS', 'Council']);
  });
});

describe('the first run’s model', () => {
  it('names the partnership from the call’s title, and keeps what was typed per person while the call changes', async () => {
    const model = new FirstRunModel(await freshDb(), 'Hartside Food Partnership: core partners', call);
    expect(model.name.value).toBe('Hartside Food Partnership');
    model.setOrganisation('Tom Fairbairn', 'Hartside Council');
    model.show({ people: [{ displayName: 'Ann Other' }, ...call.people], selfName: 'Priya Raman' });
    expect(model.typed.value).toEqual({ 'Tom Fairbairn': 'Hartside Council' });
    expect(model.organisations.value.map((o) => [o.name, o.partnerType])).toEqual([['Hartside Council', 'core']]);
    model.setType(model.organisations.value[0]!.key, 'wider');
    model.setType(model.organisations.value[0]!.key, 'owner');
    expect(model.organisations.value[0]?.partnerType).toBe('wider');
    model[Symbol.dispose]();
  });

  it('stores nothing and says where when the form is not ready', async () => {
    const db = await freshDb();
    const model = new FirstRunModel(db, '', call);
    model.setOrganisation('Tom Fairbairn', 'x'.repeat(MAX_NAME_LENGTH + 1));
    const result = await model.create([]);
    expect(result).toEqual({ errors: { name: 'required', rows: { 1: 'tooLong' } } });
    expect(model.errors.value).toEqual({ name: 'required', rows: { 1: 'tooLong' } });
    expect(await listPartnerships(db)).toEqual([]);
    model[Symbol.dispose]();
  });

  it('makes one partnership however often create is pressed', async () => {
    const db = await freshDb();
    const model = new FirstRunModel(db, 'Hartside Food Partnership', call);
    model.setOrganisation('Priya Raman', 'Hartside CVS');
    const [first, second] = await Promise.all([model.create([]), model.create([])]);
    expect(first).toMatchObject({ partnership: { name: 'Hartside Food Partnership' }, memberCount: 1 });
    expect(second).toBeNull();
    expect(await model.create([])).toBeNull();
    expect(await listPartnerships(db)).toHaveLength(1);
    model[Symbol.dispose]();
  });
});
