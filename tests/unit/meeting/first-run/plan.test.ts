import { describe, expect, it } from 'vitest';
import type { Organisation } from '../../../../utils/db/records';
import {
  MAX_NAME_LENGTH,
  organisationKey,
  planFirstRun,
  suggestPartnershipName,
  typedOrganisations,
  type FirstRunInput,
} from '../../../../utils/meeting/first-run/plan';

const rows = [
  { displayName: 'Priya Raman (You)', organisation: 'Hartside CVS' },
  { displayName: 'Tom Fairbairn', email: 'tom@hartside-council.example', organisation: 'Hartside Council' },
  { displayName: 'Grace Mensah', email: 'grace@gmail.com', organisation: ' age uk hartside ' },
  { displayName: 'Ama Mensah', organisation: 'Age UK Hartside' },
  { displayName: 'Guest 7', organisation: '' },
];
const input: FirstRunInput = { name: 'Hartside Food Partnership', rows, selfName: 'Priya Raman', types: {} };

describe("a new lead's first partnership, made from the call", () => {
  it('suggests the name from the call title', () => {
    expect(suggestPartnershipName('Hartside Food Partnership: core partners')).toBe('Hartside Food Partnership');
    expect(suggestPartnershipName('Northmoor hardship – wider partners')).toBe('Northmoor hardship');
    expect(suggestPartnershipName('Riverside check-in')).toBe('Riverside check-in');
    expect(suggestPartnershipName('x'.repeat(5000))).toHaveLength(MAX_NAME_LENGTH);
  });

  it("lists each organisation typed once; the lead's own is the lead partner, the rest core, unless chosen", () => {
    expect(typedOrganisations(input)).toEqual([
      { key: 'hartside cvs', name: 'Hartside CVS', partnerType: 'lead' },
      { key: 'hartside council', name: 'Hartside Council', partnerType: 'core' },
      { key: 'age uk hartside', name: 'age uk hartside', partnerType: 'core' },
    ]);
    const chosen = typedOrganisations({ ...input, types: { 'age uk hartside': 'wider', 'hartside cvs': 'core' } });
    expect(chosen.map((o) => o.partnerType)).toEqual(['core', 'core', 'wider']);
  });

  it('plans the organisations with their work domains (never a personal one), reusing one that exists', () => {
    const existing: Organisation[] = [
      { id: 'o-council', name: 'HARTSIDE COUNCIL', emailDomains: [], createdAt: 0, updatedAt: 0 },
      { id: 'o-gone', name: 'Hartside CVS', emailDomains: [], createdAt: 0, updatedAt: 0, deletedAt: 1 },
    ];
    const result = planFirstRun(input, existing);
    if (!('plan' in result)) throw new Error('expected a plan');
    expect(result.plan.organisations).toEqual([
      { key: 'hartside cvs', name: 'Hartside CVS', partnerType: 'lead', emailDomains: [] },
      {
        key: 'hartside council',
        name: 'Hartside Council',
        partnerType: 'core',
        existingId: 'o-council',
        emailDomains: ['hartside-council.example'],
      },
      { key: 'age uk hartside', name: 'age uk hartside', partnerType: 'core', emailDomains: [] },
    ]);
    // Everyone with an organisation is remembered; the guest with none is left to assign later.
    expect(result.plan.people.map((p) => [p.displayName, p.organisationKey])).toEqual([
      ['Priya Raman (You)', 'hartside cvs'],
      ['Tom Fairbairn', 'hartside council'],
      ['Grace Mensah', 'age uk hartside'],
      ['Ama Mensah', 'age uk hartside'],
    ]);
  });

  it('refuses a missing or oversized name, or an oversized organisation, saying which', () => {
    expect(planFirstRun({ ...input, name: '   ' }, [])).toEqual({ errors: { name: 'required' } });
    expect(planFirstRun({ ...input, name: 'p'.repeat(MAX_NAME_LENGTH + 1) }, [])).toEqual({
      errors: { name: 'tooLong' },
    });
    const pasted = [...rows.slice(0, 2), { displayName: 'Eve', organisation: '<b>'.repeat(1000) }];
    expect(planFirstRun({ ...input, rows: pasted }, [])).toEqual({ errors: { rows: { 2: 'tooLong' } } });
  });

  it('folds case, spaces and platform labels into one key', () => {
    expect(organisationKey('  Age  UK Hartside ')).toBe(organisationKey('age uk hartside'));
  });
});
