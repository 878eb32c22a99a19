import { describe, expect, it } from 'vitest';
import { resolveAttendees } from '../../../../utils/meeting/matching/resolve';
import { organisation, person } from '../../../factories';

const ageuk = organisation({ id: 'ageuk', emailDomains: ['ageuk.example'] });
const council = organisation({ id: 'council', emailDomains: ['council.example'] });
const food = organisation({ id: 'food', emailDomains: ['food.example'] });
const organisations = [ageuk, council, food];

describe('resolveAttendees', () => {
  it('matches a remembered alias whatever the platform adds to the name', () => {
    const sam = person({ id: 'sam', displayNames: ['Sam Okafor'], organisationId: 'ageuk' });
    const [attendee] = resolveAttendees([{ name: 'Sam Okafor (Guest)' }], [sam], organisations);
    expect(attendee).toEqual({ displayName: 'Sam Okafor (Guest)', personId: 'sam', organisationId: 'ageuk' });
  });

  it('matches a person by email before anything else', () => {
    const sam = person({
      id: 'sam',
      displayNames: ['Sam Okafor'],
      organisationId: 'ageuk',
      emails: ['sam@ageuk.example'],
    });
    const namesake = person({ id: 'other', displayNames: ['S. Okafor'], organisationId: 'council' });
    const [attendee] = resolveAttendees(
      [{ name: 'S. Okafor', email: 'SAM@ageuk.example' }],
      [sam, namesake],
      organisations,
    );
    expect(attendee?.personId).toBe('sam');
    expect(attendee?.organisationId).toBe('ageuk');
  });

  it('maps an unknown address to the organisation of its domain', () => {
    const [attendee] = resolveAttendees([{ name: 'New Person', email: 'new@council.example' }], [], organisations);
    expect(attendee).toEqual({ displayName: 'New Person', email: 'new@council.example', organisationId: 'council' });
  });

  it('leaves an unknown name without email unassigned', () => {
    const [attendee] = resolveAttendees(
      [{ name: 'Stranger' }],
      [person({ id: 'sam', displayNames: ['Sam Okafor'], organisationId: 'ageuk' })],
      organisations,
    );
    expect(attendee).toEqual({ displayName: 'Stranger' });
  });

  it('never guesses between two people with the same alias in different organisations', () => {
    const people = [
      person({ id: 'a', displayNames: ['Alex Smith'], organisationId: 'ageuk' }),
      person({ id: 'b', displayNames: ['Alex Smith'], organisationId: 'council' }),
    ];
    const [attendee] = resolveAttendees([{ name: 'Alex Smith' }], people, organisations);
    expect(attendee?.personId).toBeUndefined();
    expect(attendee?.organisationId).toBeUndefined();
  });

  it('gives the organisation, not the person, when namesakes share one organisation', () => {
    const people = [
      person({ id: 'a', displayNames: ['Alex Smith'], organisationId: 'ageuk' }),
      person({ id: 'b', displayNames: ['Alex Smith'], organisationId: 'ageuk' }),
    ];
    const [attendee] = resolveAttendees([{ name: 'Alex Smith' }], people, organisations);
    expect(attendee?.personId).toBeUndefined();
    expect(attendee?.organisationId).toBe('ageuk');
  });

  it('uses the email domain to choose between namesakes', () => {
    const people = [
      person({ id: 'a', displayNames: ['Alex Smith'], organisationId: 'ageuk' }),
      person({ id: 'b', displayNames: ['Alex Smith'], organisationId: 'council' }),
    ];
    const [attendee] = resolveAttendees([{ name: 'Alex Smith', email: 'alex@council.example' }], people, organisations);
    expect(attendee?.personId).toBe('b');
    expect(attendee?.organisationId).toBe('council');
  });

  it('does not map a domain that two organisations claim', () => {
    const shared = [
      organisation({ id: 'trust-a', emailDomains: ['nhs.example'] }),
      organisation({ id: 'trust-b', emailDomains: ['nhs.example'] }),
    ];
    const [attendee] = resolveAttendees([{ name: 'Dr Who', email: 'who@nhs.example' }], [], shared);
    expect(attendee?.organisationId).toBeUndefined();
  });

  it('does not take a namesake known by another address for the same person', () => {
    const sam = person({
      id: 'sam',
      displayNames: ['Sam Okafor'],
      organisationId: 'ageuk',
      emails: ['sam@ageuk.example'],
    });
    const [attendee] = resolveAttendees([{ name: 'Sam Okafor', email: 'sam.o@gmail.com' }], [sam], organisations);
    expect(attendee?.personId).toBeUndefined();
  });

  it('ignores deleted people and organisations', () => {
    const gone = { ...person({ id: 'sam', displayNames: ['Sam Okafor'], organisationId: 'ageuk' }), deletedAt: 5 };
    const goneOrg = { ...organisation({ id: 'food', emailDomains: ['food.example'] }), deletedAt: 5 };
    const result = resolveAttendees(
      [{ name: 'Sam Okafor' }, { name: 'X', email: 'x@food.example' }],
      [gone],
      [goneOrg],
    );
    expect(result).toEqual([{ displayName: 'Sam Okafor' }, { displayName: 'X', email: 'x@food.example' }]);
  });

  it('keeps the times a live call tracked, in participant order', () => {
    const result = resolveAttendees(
      [
        { name: 'B', firstSeenAt: 10, lastSeenAt: 20 },
        { name: 'A', firstSeenAt: 5, lastSeenAt: 30 },
      ],
      [],
      organisations,
    );
    expect(result.map((attendee) => [attendee.displayName, attendee.firstSeenAt, attendee.lastSeenAt])).toEqual([
      ['B', 10, 20],
      ['A', 5, 30],
    ]);
  });
});
