import { describe, expect, it } from 'vitest';
import { assignFirst, firstListed } from '../../../../utils/meeting/form/attendees';

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
    const listed = firstListed(people, new Map());
    const afterAssigning = people.map((p) => (p.displayName === 'Tom' ? { ...p, organisationId: 'o3' } : p));
    expect(assignFirst(afterAssigning, firstListed(afterAssigning, listed)).map((p) => p.displayName)).toEqual([
      'Tom',
      'Kwame',
      'Amira',
      'Priya',
    ]);
  });
});

describe('new and unassigned people first, by row: two people of one name are two places', () => {
  // Two people called Alex Smith: the first already assigned when listed, the second not.
  const alexes = [
    { displayName: 'Alex Smith', organisationId: 'o1' },
    { displayName: 'Kwame' },
    { displayName: 'Alex Smith' },
  ];

  it('lists the unassigned Alex first and the assigned one with the rest', () => {
    const listed = firstListed(alexes, new Map());
    expect(assignFirst(alexes, listed)).toEqual([alexes[1], alexes[2], alexes[0]]);
  });

  it('assigning the second Alex does not move their row, nor the first Alex’s', () => {
    const listed = firstListed(alexes, new Map());
    const afterAssigning = alexes.map((a, index) => (index === 2 ? { ...a, organisationId: 'o2' } : a));
    expect(assignFirst(afterAssigning, firstListed(afterAssigning, listed))).toEqual([
      afterAssigning[1],
      afterAssigning[2],
      afterAssigning[0],
    ]);
  });

  it('namesakes told apart by address keep their own places too', () => {
    const guests = [
      { displayName: 'Alex Smith', email: 'alex@ageuk.example' },
      { displayName: 'Alex Smith', email: 'asmith@council.example', organisationId: 'o1' },
    ];
    const listed = firstListed(guests, new Map());
    const assigned = guests.map((g) => ({ ...g, organisationId: 'o1' }));
    expect(assignFirst(assigned, firstListed(assigned, listed))).toEqual(assigned);
    expect(assignFirst(guests, listed)).toEqual(guests);
    // And the other way round: the first assigned, the second not, so the second leads.
    const swapped = [guests[1]!, guests[0]!];
    expect(assignFirst(swapped, firstListed(swapped, new Map()))).toEqual([swapped[1], swapped[0]]);
  });

  it('a row first listed later keeps the place it had then, and earlier rows keep theirs', () => {
    const listed = firstListed(alexes.slice(0, 2), new Map());
    const later = firstListed(alexes, listed);
    expect([...later.values()]).toEqual([false, true, true]);
    expect([...listed.values()]).toEqual([false, true]);
  });
});
