import type { PulseInvite } from '../../../utils/pulse/invite';
import { generatePulseKeys } from '../../../utils/pulse/keys';
import { createPulse, type NewPulse } from '../../../utils/db/pulses';
import type { PartnerType, Pulse } from '../../../utils/db/records';
import type { PulseDatabase } from '../../../utils/db/schema';
import { addSeats, type NewSeat } from '../../../utils/db/seats';
import { listResponses } from '../../../utils/db/responses';
import { aggregatePulse } from '../../../utils/pulse/aggregate';
import type { Names } from '../../../utils/your-data/csv-export/names';
import { responsesTable } from '../../../utils/your-data/csv-export/responses';
import { makeSeats } from '../../../utils/pulse/seat-list';
import { buildQuestions, defaultCoreWording } from '../../../utils/pulse/questions';
import { putPulse, readPulse } from '../db/helpers';
import { membership, putAll } from '../../factories';
import { sealResponse, type ResponsePayload } from '../../../utils/pulse/response-code';

export const PULSE_ID = '3f6c2a1e-8b4d-4c2f-9a7e-1d2b3c4d5e6f';
export const QUESTION_IDS = [
  '0a1b2c3d-0000-4000-8000-000000000001',
  '0a1b2c3d-0000-4000-8000-000000000002',
  '0a1b2c3d-0000-4000-8000-000000000003',
  '0a1b2c3d-0000-4000-8000-000000000004',
];
export const DAY = 24 * 60 * 60 * 1000;
export const NOW = Date.UTC(2025, 4, 12, 10, 30);

export async function sampleInvite(overrides: Partial<PulseInvite> = {}): Promise<PulseInvite> {
  const publicKey = overrides.publicKey ?? (await generatePulseKeys()).publicKeyJwk;
  return {
    v: 2,
    pulseId: PULSE_ID,
    partnershipName: 'Northside Hardship Partnership',
    questions: [
      {
        id: QUESTION_IDS[0]!,
        wording: 'I trust the other partners to do what they say they will do.',
        scale: 'agree5',
        dimension: 'trust',
      },
      {
        id: QUESTION_IDS[1]!,
        wording: 'Decisions in this partnership are shared fairly.',
        scale: 'agree5',
        dimension: 'equity',
      },
      { id: QUESTION_IDS[2]!, wording: 'How likely are you to recommend working with us?', scale: 'zeroTen' },
      { id: QUESTION_IDS[3]!, wording: 'What should change?', scale: 'text' },
    ],
    expiresAt: NOW + 7 * DAY,
    ...overrides,
    publicKey,
  };
}

export function samplePayload(overrides: Partial<ResponsePayload> = {}): ResponsePayload {
  return {
    v: 2,
    pulseId: PULSE_ID,
    responseId: crypto.randomUUID(),
    partnerType: 'core',
    answers: {
      [QUESTION_IDS[0]!]: 4,
      [QUESTION_IDS[1]!]: null,
      [QUESTION_IDS[2]!]: 9,
      [QUESTION_IDS[3]!]: 'More notice of meetings.',
    },
    answeredAt: NOW,
    ...overrides,
  };
}

type StoredPulse = Pick<Pulse, 'id' | 'publicKeyJwk' | 'questions'>;

/** A code for a stored pulse, sealed with its public key over its questions: a fresh response id unless `fields` give one. */
function sealFor(
  pulse: StoredPulse,
  fields: Pick<ResponsePayload, 'answers' | 'answeredAt'> & Partial<ResponsePayload>,
): Promise<string> {
  return sealResponse(
    pulse.publicKeyJwk!,
    { v: 2, pulseId: pulse.id, responseId: crypto.randomUUID(), ...fields },
    pulse.questions.map((q) => q.id),
  );
}

/**
 * A shared-link code for a stored pulse, as a partner's widget seals it: a core partner's
 * `answers`, answered at `answeredAt`; `overrides` change anything else.
 */
export function sealForPulse(
  pulse: StoredPulse,
  answers: ResponsePayload['answers'],
  answeredAt: number,
  overrides: Partial<ResponsePayload> = {},
): Promise<string> {
  return sealFor(pulse, { partnerType: 'core', answers, answeredAt, ...overrides });
}

/**
 * A personal-link code for a stored pulse, as the widget seals it from a seat's link: no partner
 * type (the seat's token, in `overrides`, says who answered); answers to the four core questions
 * (buildQuestions' ids), answered at `answeredAt`.
 */
export function sealSeatCode(
  pulse: StoredPulse,
  answeredAt: number,
  overrides: Partial<ResponsePayload> = {},
): Promise<string> {
  return sealFor(pulse, {
    answers: { trust: 4, equity: 2, flexibility: 3, communication: 5 },
    answeredAt,
    ...overrides,
  });
}

/**
 * A pulse of the four core questions (threshold 3, partnership 'p1' unless `fields` say otherwise),
 * made with a key pair as StartPulse makes it and stored as started at `startedAt`: codes answered
 * before then are refused.
 */
export async function startedPulse(
  db: PulseDatabase,
  fields: Pick<NewPulse, 'invitedOrganisationIds' | 'expiresAt'> & Partial<NewPulse>,
  startedAt: number,
): Promise<Pulse> {
  const pulse = await createPulse(
    db,
    { partnershipId: 'p1', questions: buildQuestions(defaultCoreWording()), threshold: 3, ...fields },
    generatePulseKeys,
  );
  pulse.createdAt = startedAt;
  pulse.updatedAt = startedAt;
  await putPulse(db, pulse);
  return pulse;
}

/** The two member organisations the seat tests invite. */
export const FOOD_BANK = '9e8d7c6b-1111-4222-8333-444455556666';
export const COUNCIL = '9e8d7c6b-2222-4222-8333-444455556666';

/** A person to seat: name, organisation, partner type. */
export type Seated = readonly [string, string, PartnerType];

/** Seats for these people as the panel makes them, each with a new token and its hash. */
export function seatsFor(people: readonly Seated[]): Promise<NewSeat[]> {
  return makeSeats(people.map(([name, organisationId, partnerType]) => ({ name, organisationId, partnerType })));
}

/** Seat these people on a stored pulse: the token each one's link carries, by name. */
export async function seatPeople(db: PulseDatabase, pulseId: string, people: readonly Seated[]) {
  const made = await seatsFor(people);
  await addSeats(db, pulseId, made);
  return new Map(made.map((seat) => [seat.name, seat.token]));
}

/**
 * A pulse of the four core questions to the Food Bank and the Council (threshold 3) closing at
 * `expiresAt`, started at `startedAt`, with a seat for each of `people`; the tokens of their links
 * by name.
 */
export async function seatedPulse(
  db: PulseDatabase,
  people: readonly Seated[],
  expiresAt: number,
  startedAt = Date.now(),
): Promise<{ pulse: Pulse; tokens: Map<string, string> }> {
  const pulse = await startedPulse(db, { invitedOrganisationIds: [FOOD_BANK, COUNCIL], expiresAt }, startedAt);
  return { pulse, tokens: await seatPeople(db, pulse.id, people) };
}

/** Writes each organisation's membership of `partnershipId` with its partner type (what a shared link's cap counts by). */
export function putMembers(
  db: PulseDatabase,
  partnershipId: string,
  members: Array<[organisationId: string, partnerType: PartnerType]>,
): Promise<void> {
  return putAll(db, {
    memberships: members.map(([organisationId, partnerType]) =>
      membership({ partnershipId, organisationId, partnerType }),
    ),
  });
}

/**
 * What every view of a pulse is built from, its late queue included: its results as the panel and
 * the exports compute them, its summary, and its CSV rows as exported at `now`.
 */
export async function pulseViews(db: PulseDatabase, pulseId: string, now: number) {
  const stored = (await readPulse(db, pulseId))!;
  const responses = await listResponses(db, pulseId, { held: true });
  const names: Names = { partnership: () => 'P', organisation: (id) => id, purpose: (id) => id };
  return {
    results: aggregatePulse(stored, responses),
    summary: stored.summary,
    csv: responsesTable([stored], new Map([[pulseId, responses]]), names, { now, threshold: 3 }).table.rows,
  };
}

/** Every answer stored (late queue included), the pulse's summary and every seat, as text. */
export async function answersDigest(db: PulseDatabase, pulseId: string): Promise<string> {
  return (
    JSON.stringify(await db.getAll('responses')) +
    JSON.stringify((await readPulse(db, pulseId))?.summary) +
    JSON.stringify(await db.getAll('seats'))
  );
}
