import { describe, expect, it } from 'vitest';
import { assignFirst } from '../../../../utils/meeting/form/attendees';

const people = [
  { displayName: 'Amira', organisationId: 'o1' },
  { displayName: 'Tom' },
  { displayName: 'Priya', organisationId: 'o2' },
  { displayName: 'Kwame' },
];

describe('new and unassigned people first', () => {
  it('puts the unassigned first, each group in call order', () => {
    expect(assignFirst(people, new Map()).map((p) => p.displayName)).toEqual(['Tom', 'Kwame', 'Amira', 'Priya']);
  });

  it('keeps the place a person had when first listed, so assigning them does not move the row', () => {
    const listed = new Map([
      ['Amira', false],
      ['Tom', true],
      ['Priya', false],
      ['Kwame', true],
    ]);
    const afterAssigning = people.map((p) => (p.displayName === 'Tom' ? { ...p, organisationId: 'o3' } : p));
    expect(assignFirst(afterAssigning, listed).map((p) => p.displayName)).toEqual(['Tom', 'Kwame', 'Amira', 'Priya']);
  });
});
