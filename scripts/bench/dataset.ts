/**
 * Large generated databases for the bench: deterministic, shaped like years of real use
 * (records as in utils/db/records.ts). Not the sample data set: that is utils/demo/.
 */
import {
  DEFAULT_CADENCE,
  MEETING_KINDS,
  type Attendee,
  type Meeting,
  type MeetingKind,
  type Membership,
  type Organisation,
  type Partnership,
  type PartnerType,
  type Pulse,
  type PulseResponse,
} from '../../utils/db/records';
import { seededRandom, seededUuid } from '../../utils/demo/random';
import { coreQuestion } from '../../utils/pulse/questions';
import { summarise } from '../../utils/db/summary';

export interface DatasetSize {
  partnerships?: number;
  organisations?: number;
  meetings?: number;
  /** Pulses after evenly spread meetings, and responses shared out between them (none unless asked). */
  pulses?: number;
  responses?: number;
  /** The newest meeting starts a day before this (epoch ms). */
  now?: number;
  seed?: number;
}

export interface Dataset {
  partnerships: Partnership[];
  organisations: Organisation[];
  memberships: Membership[];
  meetings: Meeting[];
  pulses?: Pulse[];
  responses?: PulseResponse[];
}

const DAY = 86_400_000;
const FIRST_NAMES = ['Amina', 'Ben', 'Chloé', 'Dev', 'Ewa', 'Farah', 'Gareth', 'Hui', 'Ifeoma', 'Jon', 'Kasia', 'Liam'];
const LAST_NAMES = ['Adeyemi', 'Brown', 'Chen', 'Davies', 'Evans', 'Fernández', 'Gill', 'Hughes', 'Iqbal', 'Jones'];

export function generateDataset(size: DatasetSize = {}): Dataset {
  const {
    partnerships: partnershipCount = 12,
    organisations: organisationCount = 150,
    meetings: meetingCount = 10_000,
  } = size;
  const now = size.now ?? Date.UTC(2026, 0, 1);
  const random = seededRandom(size.seed ?? 0xbe7c4);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const stamp = (at: number) => ({ id: seededUuid(random), createdAt: at, updatedAt: at });
  const isoDate = (at: number) => new Date(at).toISOString().slice(0, 10);
  const span = 8 * 365 * DAY;

  const organisations: Organisation[] = Array.from({ length: organisationCount }, (_, i) => ({
    ...stamp(now - span),
    name: `Organisation ${i + 1}`,
    emailDomains: [`org${i + 1}.example`],
  }));
  const partnerships: Partnership[] = [];
  const memberships: Membership[] = [];
  const membersOf = new Map<string, Membership[]>();
  for (let p = 0; p < partnershipCount; p += 1) {
    const partnership: Partnership = {
      ...stamp(now - span),
      name: `Partnership ${p + 1}`,
      startDate: isoDate(now - span),
      cadence: DEFAULT_CADENCE,
    };
    partnerships.push(partnership);
    const size = 10 + Math.floor(random() * 20);
    const members = Array.from({ length: size }, (_, m): Membership => {
      const partnerType: PartnerType = m === 0 ? 'lead' : m <= 5 ? 'core' : 'wider';
      const left = random() < 0.1;
      return {
        ...stamp(now - span),
        partnershipId: partnership.id,
        organisationId: organisations[(p * 7 + m * 3) % organisations.length]!.id,
        partnerType,
        joinedOn: isoDate(now - span),
        ...(left ? { leftOn: isoDate(now - random() * span) } : {}),
      };
    });
    memberships.push(...members);
    membersOf.set(partnership.id, members);
  }

  // Who comes depends on the kind of meeting, as in the domain brief.
  const attendance = (kind: MeetingKind, members: Membership[]): Membership[] => {
    const lead = members.filter((m) => m.partnerType === 'lead');
    const core = members.filter((m) => m.partnerType === 'core');
    switch (kind) {
      case 'core':
      case 'review':
        return [...lead, ...core.filter(() => random() < 0.85)];
      case 'one-to-one':
        return [...lead, pick(members)];
      case 'wider':
      case 'forum':
        return [...lead, ...members.filter((m) => m.partnerType !== 'lead' && random() < 0.45)];
    }
  };

  const meetings: Meeting[] = Array.from({ length: meetingCount }, (_, i) => {
    const partnership = partnerships[i % partnerships.length]!;
    const startAt = Math.round(now - DAY - ((meetingCount - i) / meetingCount) * span);
    const kind = pick(MEETING_KINDS);
    const present = attendance(kind, membersOf.get(partnership.id) ?? []);
    const attendees: Attendee[] = present.map((membership) => ({
      displayName: `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`,
      organisationId: membership.organisationId,
    }));
    return {
      ...stamp(startAt + 3_600_000),
      partnershipId: partnership.id,
      status: 'held',
      platform: pick(['meet', 'zoom', 'teams', 'in-person'] as const),
      title: `${partnership.name} ${kind} meeting ${i + 1}`,
      startAt,
      endAt: startAt + 3_600_000,
      kind,
      purposeTagIds: [],
      agenda: pick(['yes', 'no', 'not-yet'] as const),
      attendees,
      organisationIds: [...new Set(present.map((membership) => membership.organisationId))],
      chairName: attendees[0]?.displayName,
      decisions: 'Agreed the next steps.',
      notes: '',
      callKey: `meet:bch-${String(i).padStart(4, '0')}-xyz`,
    };
  });

  const dataset: Dataset = { partnerships, organisations, memberships, meetings };
  if ((size.pulses ?? 0) > 0)
    Object.assign(dataset, generatePulses(dataset, size.pulses!, size.responses ?? 0, random));
  return dataset;
}

const WORDING = {
  trust: 'I trust the other partners to do what they say they will do.',
  equity: 'Decisions in this partnership are shared fairly; my organisation has real influence.',
  flexibility: 'The partnership adapts to how my organisation works.',
  communication: 'I know what is happening, who is doing what, and I can raise problems.',
} as const;

/**
 * Pulses after every n-th meeting, every member invited, with responses shared out evenly and
 * each pulse's running summary, as addResponses keeps it. Lead partners rate a little higher.
 */
function generatePulses(
  { meetings, memberships }: Dataset,
  pulseCount: number,
  responseCount: number,
  random: () => number,
): { pulses: Pulse[]; responses: PulseResponse[] } {
  const questions = (Object.keys(WORDING) as Array<keyof typeof WORDING>).map((d) => coreQuestion(d, WORDING[d]));
  const step = Math.max(1, Math.floor(meetings.length / pulseCount));
  const pulses: Pulse[] = [];
  const responses: PulseResponse[] = [];
  for (let p = 0; p < pulseCount; p += 1) {
    const meeting = meetings[Math.min(meetings.length - 1, p * step)]!;
    const members = memberships.filter((m) => m.partnershipId === meeting.partnershipId);
    const createdAt = (meeting.endAt ?? meeting.startAt) + 1_800_000;
    const pulse: Pulse = {
      id: seededUuid(random),
      createdAt,
      updatedAt: createdAt + 3 * DAY,
      partnershipId: meeting.partnershipId,
      meetingId: meeting.id,
      questions,
      invitedOrganisationIds: members.map((m) => m.organisationId),
      expiresAt: createdAt + 7 * DAY,
      threshold: 3,
    };
    const count = Math.floor(responseCount / pulseCount) + (p < responseCount % pulseCount ? 1 : 0);
    const own: PulseResponse[] = [];
    for (let r = 0; r < count; r += 1) {
      const member = members[Math.floor(random() * members.length)]!;
      const bias = member.partnerType === 'lead' ? 1 : member.partnerType === 'core' ? 0.5 : 0;
      const answers: Record<string, number | null> = {};
      for (const question of questions) {
        answers[question.id] = random() < 0.05 ? null : Math.min(5, Math.max(1, Math.round(2 + bias + random() * 2.5)));
      }
      const receivedAt = createdAt + (1 + Math.floor(random() * 3)) * DAY;
      own.push({
        id: seededUuid(random),
        createdAt: receivedAt,
        updatedAt: receivedAt,
        pulseId: pulse.id,
        partnerType: member.partnerType,
        answers,
        ...(random() < 0.15 ? { comment: 'More notice of decisions, please.' } : {}),
        source: 'widget',
        receivedAt,
        verified: true,
      });
    }
    pulse.summary = summarise(pulse, own);
    pulses.push(pulse);
    responses.push(...own);
  }
  return { pulses, responses };
}

/** A dataset's records store by store, as a bundle carries them: no summaries or private keys. */
export function datasetRecords(data: Dataset) {
  return {
    partnerships: data.partnerships,
    organisations: data.organisations,
    memberships: data.memberships,
    people: [],
    purposeTags: [],
    meetings: data.meetings,
    pulses: (data.pulses ?? []).map(({ summary: _summary, privateKey: _privateKey, ...pulse }) => pulse),
    responses: data.responses ?? [],
  };
}

/** A dataset as an export writes it (format.ts): one JSON file of every record. */
export function datasetBundleText(data: Dataset, exportedAt = new Date().toISOString()): string {
  return JSON.stringify({
    format: 'partnership-pulse',
    version: 1,
    exportedAt,
    app: 'bench',
    scope: 'all',
    ...datasetRecords(data),
  });
}
