import { describe, expect, it } from 'vitest';
import { listMemberships } from '../../../../utils/db/memberships';
import { listOrganisations, saveOrganisation } from '../../../../utils/db/organisations';
import { listPartnerships } from '../../../../utils/db/partnerships';
import { listPeople } from '../../../../utils/db/people';
import { createFirstPartnership } from '../../../../utils/meeting/first-run/create';
import { planFirstRun } from '../../../../utils/meeting/first-run/plan';
import { freshDb } from '../../db/helpers';

describe('creating the first partnership from the panel', () => {
  it('writes the partnership, its members with their types, and who belongs where; an existing organisation is reused', async () => {
    const db = await freshDb();
    const council = await saveOrganisation(db, { name: 'Hartside Council', emailDomains: [] });
    const result = planFirstRun(
      {
        name: ' Hartside Food Partnership ',
        selfName: 'Priya Raman',
        types: {},
        rows: [
          { displayName: 'Priya Raman', organisation: 'Hartside CVS' },
          { displayName: 'Tom Fairbairn', email: 'tom@hartside-council.example', organisation: 'hartside council' },
        ],
      },
      await listOrganisations(db),
    );
    if (!('plan' in result)) throw new Error('expected a plan');
    const { partnership, organisationIds } = await createFirstPartnership(db, result.plan, Date.UTC(2026, 11, 3, 12));

    expect((await listPartnerships(db)).map((p) => [p.name, p.startDate])).toEqual([
      ['Hartside Food Partnership', '2026-12-03'],
    ]);
    const organisations = await listOrganisations(db);
    expect(organisations.map((o) => o.name).sort()).toEqual(['Hartside CVS', 'Hartside Council']);
    expect(organisationIds['hartside council']).toBe(council.id);
    const members = await listMemberships(db, partnership.id);
    expect(
      members.map((m) => [organisations.find((o) => o.id === m.organisationId)?.name, m.partnerType]).sort(),
    ).toEqual([
      ['Hartside CVS', 'lead'],
      ['Hartside Council', 'core'],
    ]);
    const people = await listPeople(db);
    expect(people.find((p) => p.displayNames.includes('Tom Fairbairn'))?.organisationId).toBe(council.id);
    // Tom's work address taught the council its domain.
    expect(organisations.find((o) => o.id === council.id)?.emailDomains).toEqual(['hartside-council.example']);
  });
});
