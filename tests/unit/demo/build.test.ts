import { describe, expect, it } from 'vitest';
import { BUILT_IN_PURPOSES } from '../../../utils/db/built-in-purposes';
import type { Meeting } from '../../../utils/db/records';
import { buildDemoData, DEMO_CALL_KEY, type DemoData } from '../../../utils/demo/build';
import { expectedButAbsent, isMemberOn } from '../../../utils/meeting/matching/expected';
import { guessPartnership } from '../../../utils/meeting/matching/guess-partnership';
import { seededRandom, seededUuid } from '../../../utils/demo/random';
import { PARTNER_TYPES } from '../../../utils/db/records';
import { summarise } from '../../../utils/db/summary';
import { pulsePoints } from '../../../utils/dashboard/trends/pulse-points';
import { organisationAttendance } from '../../../utils/dashboard/trends/attendance';
import { gapView, pointsOf } from '../../../utils/dashboard/views';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 25, 15, 30);
const data = buildDemoData(NOW);

function allRecords(set: DemoData) {
  return [
    ...set.partnerships,
    ...set.organisations,
    ...set.memberships,
    ...set.people,
    ...set.purposeTags,
    ...set.meetings,
    ...set.pulses,
    ...set.responses,
  ];
}

const held = data.meetings.filter((meeting) => meeting.status === 'held');
const byStart = (a: Meeting, b: Meeting) => a.startAt - b.startAt;

describe('seeded random', () => {
  it('repeats for a seed and differs between seeds', () => {
    const a = seededRandom(1);
    const b = seededRandom(1);
    const c = seededRandom(2);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect([c(), c(), c()]).not.toEqual(first);
    expect(first.every((value) => value >= 0 && value < 1)).toBe(true);
  });
  it('makes valid version 4 UUIDs', () => {
    const random = seededRandom(7);
    for (let i = 0; i < 100; i += 1) expect(seededUuid(random)).toMatch(UUID);
  });
});

describe('buildDemoData', () => {
  it('is deterministic, and keeps its ids whatever the date', () => {
    expect(buildDemoData(NOW)).toEqual(data);
    const later = buildDemoData(NOW + 40 * DAY);
    expect(allRecords(later).map((record) => record.id)).toEqual(allRecords(data).map((record) => record.id));
    expect(later.meetings[0]!.startAt).toBe(data.meetings[0]!.startAt + 40 * DAY);
  });

  it('gives every record a unique UUID, stamps and the demo mark', () => {
    const records = allRecords(data);
    expect(new Set(records.map((record) => record.id)).size).toBe(records.length);
    for (const record of records) {
      expect(record.id).toMatch(UUID);
      expect(record.demo).toBe(true);
      expect(record.createdAt).toBeLessThanOrEqual(record.updatedAt);
      expect(record.updatedAt).toBeLessThanOrEqual(NOW);
    }
  });

  it('has two partnerships with different leads, about fifteen organisations and all three partner types', () => {
    expect(data.partnerships).toHaveLength(2);
    expect(data.organisations.length).toBeGreaterThanOrEqual(14);
    expect(data.organisations.length).toBeLessThanOrEqual(17);
    const leads = data.partnerships.map((partnership) =>
      data.memberships
        .filter((m) => m.partnershipId === partnership.id && m.partnerType === 'lead')
        .map((m) => m.organisationId),
    );
    expect(leads.map((list) => list.length)).toEqual([1, 1]);
    expect(leads[0]![0]).not.toBe(leads[1]![0]);
    for (const partnership of data.partnerships) {
      const types = new Set(
        data.memberships.filter((m) => m.partnershipId === partnership.id).map((m) => m.partnerType),
      );
      expect([...types].sort()).toEqual(['core', 'lead', 'wider']);
    }
    for (const organisation of data.organisations) {
      expect(organisation.emailDomains).toHaveLength(1);
      expect(organisation.emailDomains[0]).toMatch(/^[a-z0-9-]+\.example$/);
    }
  });

  it("gives people emails at their organisation's domain", () => {
    for (const person of data.people) {
      const organisation = data.organisations.find((o) => o.id === person.organisationId)!;
      expect(person.emails[0]!.endsWith(`@${organisation.emailDomains[0]}`)).toBe(true);
      expect(person.aliases).toHaveLength(person.displayNames.length);
    }
  });

  it('has six months of meetings of every kind, and one planned', () => {
    const starts = held.map((meeting) => meeting.startAt);
    expect(Math.min(...starts)).toBeGreaterThan(NOW - 183 * DAY);
    expect(Math.min(...starts)).toBeLessThan(NOW - 160 * DAY);
    expect(Math.max(...starts)).toBeLessThan(NOW);
    expect(new Set(held.map((meeting) => meeting.kind))).toEqual(
      new Set(['core', 'wider', 'one-to-one', 'forum', 'review']),
    );
    const planned = data.meetings.filter((meeting) => meeting.status === 'planned');
    expect(planned).toHaveLength(1);
    expect(planned[0]!.startAt).toBeGreaterThan(NOW);
    for (const meeting of held) {
      expect(meeting.endAt).toBeGreaterThan(meeting.startAt);
      expect(meeting.notes.length).toBeGreaterThan(0);
      expect(meeting.purposeTagIds.length).toBeGreaterThan(0);
    }
    expect(new Set(held.map((meeting) => meeting.agenda))).toEqual(new Set(['yes', 'no', 'not-yet']));
  });

  it('holds core meetings every 4–6 weeks and wider ones about quarterly', () => {
    for (const partnership of data.partnerships) {
      const core = held.filter((m) => m.partnershipId === partnership.id && m.kind === 'core').sort(byStart);
      expect(core.length).toBeGreaterThanOrEqual(5);
      for (let i = 1; i < core.length; i += 1) {
        const gap = (core[i]!.startAt - core[i - 1]!.startAt) / DAY;
        expect(gap).toBeGreaterThanOrEqual(27);
        expect(gap).toBeLessThanOrEqual(43);
      }
      const wider = held.filter((m) => m.partnershipId === partnership.id && m.kind === 'wider').sort(byStart);
      expect(wider.length).toBe(2);
      const gap = (wider[1]!.startAt - wider[0]!.startAt) / DAY;
      expect(gap).toBeGreaterThan(60);
      expect(gap).toBeLessThan(100);
    }
  });

  it('refers only to records that exist, and to members on the day', () => {
    const tagIds = new Set([...BUILT_IN_PURPOSES.map(({ id }) => id), ...data.purposeTags.map((tag) => tag.id)]);
    for (const meeting of data.meetings) {
      const memberships = data.memberships.filter((m) => m.partnershipId === meeting.partnershipId);
      expect(data.partnerships.some((p) => p.id === meeting.partnershipId)).toBe(true);
      for (const tagId of meeting.purposeTagIds) expect(tagIds.has(tagId)).toBe(true);
      for (const attendee of meeting.attendees) {
        const person = data.people.find((p) => p.id === attendee.personId)!;
        expect(person.organisationId).toBe(attendee.organisationId);
        expect(attendee.displayName).toBe(person.displayNames[0]);
      }
      expect(meeting.organisationIds).toEqual([...new Set(meeting.attendees.map((a) => a.organisationId))]);
      for (const organisationId of meeting.organisationIds) {
        const member = memberships.some(
          (m) =>
            m.organisationId === organisationId && isMemberOn(m, new Date(meeting.startAt).toISOString().slice(0, 10)),
        );
        expect(member, `${meeting.title}: ${organisationId}`).toBe(true);
      }
      if (meeting.status === 'held') {
        expect(meeting.organisationIds).toContain(meeting.chairOrganisationId);
        expect(meeting.attendees.some((a) => a.personId === meeting.chairPersonId)).toBe(true);
      }
    }
  });

  it('has a partner that left when its funding ended, seen before and not after', () => {
    const left = data.memberships.filter((m) => m.leftOn !== undefined);
    expect(left).toHaveLength(1);
    const [membership] = left;
    const leftAt = Date.parse(`${membership!.leftOn}T00:00:00Z`);
    const ofPartnership = held.filter((m) => m.partnershipId === membership!.partnershipId);
    const attended = ofPartnership.filter((m) => m.organisationIds.includes(membership!.organisationId));
    expect(attended.length).toBeGreaterThan(0);
    expect(attended.every((m) => m.startAt < leftAt)).toBe(true);
    expect(ofPartnership.some((m) => m.startAt > leftAt)).toBe(true);
  });

  it('has organisations drifting away: attended, then missed every later meeting they were expected at', () => {
    const dateOf = (meeting: Meeting) => new Date(meeting.startAt).toISOString().slice(0, 10);
    for (const partnership of data.partnerships) {
      const memberships = data.memberships.filter((m) => m.partnershipId === partnership.id);
      const group = held
        .filter((m) => m.partnershipId === partnership.id && m.kind !== 'one-to-one' && m.kind !== 'review')
        .sort(byStart);
      const drifting = memberships.filter((membership) => {
        const expectedAt = group.filter((m) =>
          expectedButAbsent(memberships, [], m.kind, dateOf(m)).some(
            (e) => e.organisationId === membership.organisationId,
          ),
        );
        const attended = expectedAt.map((m) => m.organisationIds.includes(membership.organisationId));
        const firstMiss = attended.indexOf(false);
        return (
          firstMiss > 0 && attended.length - firstMiss >= 2 && attended.slice(firstMiss).every((present) => !present)
        );
      });
      expect(drifting.length, partnership.name).toBeGreaterThanOrEqual(1);
    }
  });

  it('makes a recurring call link point to its partnership', () => {
    const hardship = data.partnerships.find((p) => p.name.includes('Hardship'))!;
    const guess = guessPartnership({
      title: 'Weekly call',
      callKey: DEMO_CALL_KEY,
      organisationIds: [],
      meetings: held,
      partnerships: data.partnerships,
      memberships: data.memberships,
    });
    expect(guess).toEqual({ partnershipId: hardship.id, reason: 'call' });
  });

  it('has several pulses per partnership over the six months, after its own group meetings', () => {
    for (const partnership of data.partnerships) {
      const pulses = data.pulses.filter((p) => p.partnershipId === partnership.id);
      expect(pulses.length, partnership.name).toBeGreaterThanOrEqual(5);
      const ages = pulses.map((p) => (NOW - p.createdAt) / DAY);
      expect(Math.max(...ages)).toBeGreaterThan(150);
      expect(Math.min(...ages)).toBeLessThan(30);
      for (const pulse of pulses) {
        const meeting = data.meetings.find((m) => m.id === pulse.meetingId)!;
        expect(meeting.partnershipId).toBe(partnership.id);
        expect(['core', 'wider']).toContain(meeting.kind);
        expect(pulse.createdAt).toBeGreaterThan(meeting.endAt!);
        expect(pulse.expiresAt).toBeLessThan(NOW);
        expect(pulse.threshold).toBe(3);
        expect(pulse.questions.map((q) => q.dimension)).toEqual(['trust', 'equity', 'flexibility', 'communication']);
        // Everyone invited was a member on the day.
        const memberships = data.memberships.filter((m) => m.partnershipId === partnership.id);
        for (const id of pulse.invitedOrganisationIds) {
          expect(
            memberships.some(
              (m) => m.organisationId === id && isMemberOn(m, new Date(meeting.startAt).toISOString().slice(0, 10)),
            ),
          ).toBe(true);
        }
      }
    }
  });

  it("keeps each pulse's summary equal to its responses, every answer on the 1–5 scale", () => {
    for (const pulse of data.pulses) {
      const responses = data.responses.filter((r) => r.pulseId === pulse.id);
      expect(pulse.summary).toEqual(summarise(pulse, responses));
      for (const response of responses) {
        expect(Object.keys(response.answers).sort()).toEqual(['communication', 'equity', 'flexibility', 'trust']);
        for (const value of Object.values(response.answers)) expect([1, 2, 3, 4, 5]).toContain(value);
        expect(response.receivedAt).toBeGreaterThan(pulse.createdAt);
        expect(response.organisationId).toBeUndefined();
      }
    }
  });

  it('shows the equity gap: the lead rates equity above the wider partners in both partnerships', () => {
    for (const partnership of data.partnerships) {
      const responses = data.responses.filter(
        (r) => data.pulses.find((p) => p.id === r.pulseId)!.partnershipId === partnership.id,
      );
      const mean = (type: string) => {
        const values = responses.filter((r) => r.partnerType === type).map((r) => r.answers.equity as number);
        return values.reduce((sum, value) => sum + value, 0) / values.length;
      };
      expect(mean('lead') - mean('wider'), partnership.name).toBeGreaterThan(1);
      expect(mean('lead')).toBeGreaterThan(mean('core'));
      expect(mean('core')).toBeGreaterThan(mean('wider'));
    }
  });

  it('has pulses below the threshold, and pulses where a small partner type hides another', () => {
    const points = data.pulses.map((pulse) => pulsePoints(pulse).find((p) => p.dimension === 'equity')!);
    expect(points.filter((p) => p.overall.hidden).length).toBeGreaterThanOrEqual(2);
    expect(
      points.some(
        (p) =>
          !p.overall.hidden &&
          Object.values(p.byPartnerType).some((g) => g.hidden && g.reason === 'protects-smaller-group'),
      ),
    ).toBe(true);
    expect(
      points.filter((p) => PARTNER_TYPES.every((type) => !p.byPartnerType[type].hidden)).length,
    ).toBeGreaterThanOrEqual(4);
  });

  it("reads as issue 15's gap example: Active Northmoor widening by 0.6 since Q2, the hardship partnership narrowing", () => {
    const points = pointsOf(data.pulses, new Set(data.pulses.map((pulse) => pulse.id)));
    const gaps = gapView(points, data.partnerships, 'equity', { timeZone: 'UTC', asOf: NOW }).partnerships;
    expect(gaps.map((gap) => [gap.name, gap.headline])).toEqual([
      ['Active Northmoor Partnership', 'Widening by 0.6 since Q2 2026'],
      ['Northmoor Hardship Crisis Partnership', 'Narrowing by 1 since Q2 2026'],
    ]);
    expect(gaps[0]!.direction).toMatchObject({ trend: 'widening', change: 0.6 });
  });

  it("has organisations drifting away at the dashboard's default (missed their last 3 expected meetings)", () => {
    const rows = organisationAttendance(data.meetings, data.memberships, { timeZone: 'UTC', asOf: NOW });
    const name = (id: string) => data.organisations.find((o) => o.id === id)!.name;
    const drifting = rows
      .filter((row) => row.status === 'drifting')
      .map((row) => name(row.organisationId))
      .sort();
    expect(drifting).toEqual([
      'Eastside Residents Association',
      'Northmoor Disability Sports Forum',
      'Northmoor Housing Trust',
    ]);
    const left = rows.filter((row) => row.status === 'left').map((row) => name(row.organisationId));
    expect(left).toEqual(['Riverside Debt Advice Project']);
  });
});
