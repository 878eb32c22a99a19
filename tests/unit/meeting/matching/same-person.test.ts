import { describe, expect, it } from 'vitest';
import { addressFits, rememberedIndex, sameOwner, samePeople } from '../../../../utils/meeting/matching/same-person';
import { person } from '../../../factories';

const grace = person({
  id: 'p-grace',
  displayNames: ['Grace Mensah'],
  emails: ['gm42@ageuk.example'],
  organisationId: 'o-age',
});

describe('samePeople: a name seen alone and with an address is one person', () => {
  it('merges a name-only row with the one row of the same name that has an address', () => {
    const entries = [
      { name: 'Grace Mensah' },
      { name: 'grace  MENSAH (Guest)', email: 'grace@ageuk.example' },
      { name: 'Tom Reid', email: 'tom@council.example' },
    ];
    expect(samePeople(entries, [])).toEqual({
      merge: [{ nameOnly: 'Grace Mensah', withEmail: 'grace  MENSAH (Guest)', email: 'grace@ageuk.example' }],
      offer: [],
    });
  });

  it('merges an address-only guest with the name a remembered person has that address under', () => {
    // "gm42@" spells no name: only the remembered person tells that it is Grace.
    const entries = [{ name: 'Grace Mensah' }, { name: 'gm42@ageuk.example', email: 'GM42@ageuk.example' }];
    expect(samePeople(entries, [grace]).merge).toEqual([
      { nameOnly: 'Grace Mensah', withEmail: 'gm42@ageuk.example', email: 'GM42@ageuk.example' },
    ]);
    // Without the memory, nothing ties them.
    expect(samePeople(entries, [])).toEqual({ merge: [], offer: [] });
  });

  it('merges with the address a remembered person is known by', () => {
    const entries = [{ name: 'Grace Mensah' }, { name: 'Grace Mensah', email: 'gm42@ageuk.example' }];
    expect(samePeople(entries, [grace]).merge).toHaveLength(1);
  });

  it('never guesses between two guests of the same name: both are offered', () => {
    const entries = [
      { name: 'Alex Smith' },
      { name: 'Alex Smith', email: 'alex@ageuk.example' },
      { name: 'Alex Smith', email: 'asmith@council.example' },
    ];
    expect(samePeople(entries, [])).toEqual({
      merge: [],
      offer: [
        { nameOnly: 'Alex Smith', withEmail: 'Alex Smith', email: 'alex@ageuk.example' },
        { nameOnly: 'Alex Smith', withEmail: 'Alex Smith', email: 'asmith@council.example' },
      ],
    });
  });

  it('never guesses when two remembered people share the name: offered, not merged', () => {
    const namesakes = [
      person({ id: 'p-a', displayNames: ['Alex Smith'], organisationId: 'o-age' }),
      person({ id: 'p-b', displayNames: ['Alex Smith'], organisationId: 'o-council' }),
    ];
    const entries = [{ name: 'Alex Smith' }, { name: 'Alex Smith', email: 'alex@ageuk.example' }];
    expect(samePeople(entries, namesakes)).toEqual({
      merge: [],
      offer: [{ nameOnly: 'Alex Smith', withEmail: 'Alex Smith', email: 'alex@ageuk.example' }],
    });
  });

  it('attacker: a known name listed with an address the person is not known by neither merges nor is offered', () => {
    const entries = [{ name: 'Grace Mensah' }, { name: 'Grace Mensah', email: 'grace.mensah@attacker.example' }];
    expect(samePeople(entries, [grace])).toEqual({ merge: [], offer: [] });
  });

  it('attacker: a name put on someone else’s remembered address does not merge into that name', () => {
    const tom = person({ id: 'p-tom', displayNames: ['Tom Reid'], emails: ['tom@council.example'] });
    // The page calls tom@ "Grace Mensah"; nobody is remembered as Grace.
    const entries = [{ name: 'Grace Mensah' }, { name: 'Grace Mensah', email: 'tom@council.example' }];
    expect(samePeople(entries, [tom])).toEqual({ merge: [], offer: [] });
  });

  it('leaves alone rows of other names, address-only rows with no match, and deleted people', () => {
    const gone = { ...grace, deletedAt: 1 };
    const entries = [
      { name: 'Grace Mensah' },
      { name: 'Grace Mensa', email: 'grace@ageuk.example' },
      { name: 'gm42@ageuk.example', email: 'gm42@ageuk.example' },
    ];
    expect(samePeople(entries, [gone])).toEqual({ merge: [], offer: [] });
  });

  it('merges one row with an address into one name-only row only: a second name-only row of the name is offered', () => {
    const entries = [
      { name: 'Grace Mensah' },
      { name: 'Grace Mensah (Guest)' },
      { name: 'Grace Mensah', email: 'grace@ageuk.example' },
    ];
    const { merge, offer } = samePeople(entries, []);
    expect(merge).toEqual([]);
    expect(offer).toHaveLength(2);
  });

  it('attacker: a forged row of a known name before or after the real one, or two forgers: only the real one merges', () => {
    const real = { name: 'Grace Mensah', email: 'gm42@ageuk.example' };
    const forged = { name: 'Grace Mensah', email: 'grace.mensah@attacker.example' };
    const other = { name: 'Grace Mensah', email: 'gmensah@attacker2.example' };
    const merged = [{ nameOnly: 'Grace Mensah', withEmail: 'Grace Mensah', email: 'gm42@ageuk.example' }];
    for (const rows of [
      [forged, real],
      [real, forged],
      [forged, real, other],
    ]) {
      expect(samePeople([{ name: 'Grace Mensah' }, ...rows], [grace])).toEqual({ merge: merged, offer: [] });
    }
    expect(samePeople([{ name: 'Grace Mensah' }, forged, other], [grace])).toEqual({ merge: [], offer: [] });
  });
});

describe('addressFits', () => {
  const remembered = rememberedIndex([grace, person({ id: 'p-new', displayNames: ['Sam New'] })]);
  it('takes the remembered person’s own address, or any address nobody has for a name nobody or nobody with an address has', () => {
    expect(addressFits(remembered, 'grace MENSAH', 'GM42@ageuk.example')).toBe(true);
    expect(addressFits(remembered, 'Tom Reid', 'tom@council.example')).toBe(true);
    expect(addressFits(remembered, 'Sam New', 'sam@new.example')).toBe(true);
  });
  it('attacker: refuses another address for a remembered name, and a remembered address under another name', () => {
    expect(addressFits(remembered, 'Grace Mensah', 'grace.mensah@attacker.example')).toBe(false);
    expect(addressFits(remembered, 'Tom Reid', 'gm42@ageuk.example')).toBe(false);
    expect(addressFits(remembered, 'Sam New', 'gm42@ageuk.example')).toBe(false);
  });
});

describe('sameOwner', () => {
  const twoAddresses = person({
    id: 'p-grace-2',
    displayNames: ['Grace Mensah'],
    emails: ['gm42@ageuk.example', 'grace@home.example'],
  });
  const tom = person({ id: 'p-tom', displayNames: ['Tom Reid'], emails: ['tom@council.example'] });
  const remembered = rememberedIndex([twoAddresses, tom]);
  it('ties two addresses the lead remembers as one person’s of that name', () => {
    expect(sameOwner(remembered, 'grace mensah', 'GM42@ageuk.example', 'grace@home.example')).toBe(true);
  });
  it('attacker: not an address nobody has, another person’s address, nor under another name', () => {
    expect(sameOwner(remembered, 'Grace Mensah', 'gm42@ageuk.example', 'grace@attacker.example')).toBe(false);
    expect(sameOwner(remembered, 'Grace Mensah', 'gm42@ageuk.example', 'tom@council.example')).toBe(false);
    expect(sameOwner(remembered, 'Tom Reid', 'gm42@ageuk.example', 'grace@home.example')).toBe(false);
    expect(sameOwner(rememberedIndex([]), 'Sam New', 'sam@new.example', 'sam@other.example')).toBe(false);
  });
});
