import { describe, expect, it } from 'vitest';
import { membership, organisation, person } from '../../factories';
import {
  addSeatError,
  chosenSeats,
  mailMergeLines,
  mailtoHref,
  makeSeats,
  MAX_SEAT_NAME,
  seatGroups,
  sortSeats,
} from '../../../utils/pulse/seat-list';
import { hashToken, isSeatToken } from '../../../utils/pulse/seats';

const organisations = [
  organisation({ id: 'bank', name: 'Hartside Food Bank' }),
  organisation({ id: 'council', name: 'Hartside City Council' }),
  organisation({ id: 'guest', name: 'Visiting Trust' }),
];
const memberships = [
  membership({ partnershipId: 'p1', organisationId: 'bank', partnerType: 'lead' }),
  membership({ partnershipId: 'p1', organisationId: 'council', partnerType: 'core' }),
  // The same organisation is wider in another partnership: not this one's type.
  membership({ partnershipId: 'p2', organisationId: 'council', partnerType: 'wider' }),
];
const people = [
  person({ id: 'priya', displayNames: ['Priya Raman'], organisationId: 'bank' }),
  person({ id: 'tom', displayNames: ['Tom Fairbairn'], organisationId: 'council' }),
  person({ id: 'gone', displayNames: ['Old Contact'], organisationId: 'council', deletedAt: 1 }),
  person({ id: 'elsewhere', displayNames: ['Not Invited'], organisationId: 'other' }),
];

const groups = (overrides: Partial<Parameters<typeof seatGroups>[0]> = {}) =>
  seatGroups({
    partnershipId: 'p1',
    invited: ['bank', 'council', 'guest'],
    organisations,
    memberships,
    people,
    added: [],
    unticked: [],
    ...overrides,
  });

describe('seatGroups', () => {
  it("groups remembered people by invited organisation, with this partnership's partner type", () => {
    expect(groups()).toEqual([
      {
        organisationId: 'bank',
        organisationName: 'Hartside Food Bank',
        partnerType: 'lead',
        choices: [{ key: 'person:priya', name: 'Priya Raman', organisationId: 'bank', ticked: true }],
      },
      {
        organisationId: 'council',
        organisationName: 'Hartside City Council',
        partnerType: 'core',
        choices: [{ key: 'person:tom', name: 'Tom Fairbairn', organisationId: 'council', ticked: true }],
      },
    ]);
  });

  it('adds people typed by name, keeps unticked ones unticked, and chooses only the ticked', () => {
    const list = groups({
      added: [{ key: 'added:1', name: 'Ade Okoro', organisationId: 'council' }],
      unticked: ['person:priya'],
    });
    expect(list[1]!.choices.map((c) => [c.name, c.ticked])).toEqual([
      ['Ade Okoro', true],
      ['Tom Fairbairn', true],
    ]);
    expect(chosenSeats(list)).toEqual([
      { name: 'Ade Okoro', organisationId: 'council', partnerType: 'core' },
      { name: 'Tom Fairbairn', organisationId: 'council', partnerType: 'core' },
    ]);
    expect(chosenSeats(groups({ unticked: ['person:priya', 'person:tom'] }))).toEqual([]);
  });
});

describe('addSeatError', () => {
  it('refuses an empty, over-long or duplicate name, and an organisation without seats', () => {
    const list = groups();
    expect(addSeatError(list, '  ', 'bank')).toBe('required');
    expect(addSeatError(list, 'x'.repeat(MAX_SEAT_NAME + 1), 'bank')).toBe('tooLong');
    expect(addSeatError(list, ' priya raman ', 'bank')).toBe('duplicate');
    expect(addSeatError(list, 'Sam Cole', 'guest')).toBe('organisation');
    expect(addSeatError(list, 'Sam Cole', 'bank')).toBeUndefined();
  });
});

describe('makeSeats', () => {
  it('gives each seat its own 128-bit token and keeps the hash that finds it', async () => {
    const made = await makeSeats([
      { name: 'A', organisationId: 'bank', partnerType: 'lead' },
      { name: 'B', organisationId: 'bank', partnerType: 'lead' },
    ]);
    expect(made.every((seat) => isSeatToken(seat.token))).toBe(true);
    expect(made[0]!.token).not.toBe(made[1]!.token);
    expect(made[0]!.tokenHash).toBe(await hashToken(made[0]!.token));
  });
});

describe('sending links', () => {
  it('writes "name – link" lines, one per seat, a name never breaking its line', () => {
    expect(
      mailMergeLines([
        { name: 'Priya Raman', link: 'https://x.example/pulse.html#AAA' },
        { name: 'Tom\nFairbairn\t', link: 'https://x.example/pulse.html#BBB' },
      ]),
    ).toBe('Priya Raman – https://x.example/pulse.html#AAA\nTom Fairbairn – https://x.example/pulse.html#BBB');
  });

  it('puts the link in a mailto body, to a plausible address only', () => {
    const href = mailtoHref({ to: 'priya@bank.example', subject: 'Pulse & more', body: 'Link: https://x/#a?b&c' });
    expect(href).toBe(
      'mailto:priya@bank.example?subject=Pulse%20%26%20more&body=Link%3A%20https%3A%2F%2Fx%2F%23a%3Fb%26c',
    );
    expect(mailtoHref({ to: 'a@b.example?bcc=evil@x.example', subject: 's', body: 'b' })).toBe(
      'mailto:?subject=s&body=b',
    );
  });
});

describe('sortSeats', () => {
  it('orders seats by organisation name, then by name', () => {
    const names: Record<string, string> = { a: 'Zeta Trust', b: 'Alpha Council' };
    const sorted = sortSeats(
      [
        { name: 'Yan', organisationId: 'a' },
        { name: 'Bea', organisationId: 'b' },
        { name: 'Al', organisationId: 'b' },
      ],
      (id) => names[id]!,
    );
    expect(sorted.map((s) => s.name)).toEqual(['Al', 'Bea', 'Yan']);
  });
});
