import type {
  Meeting,
  Membership,
  Organisation,
  Partnership,
  Person,
  PublishedGroup,
  PublishedResult,
  Pulse,
  PulseResponse,
  PurposeTag,
  Seat,
} from '../utils/db/records';
import { DEFAULT_CADENCE } from '../utils/db/records';
import type { PulseDatabase } from '../utils/db/schema';
import { normaliseName } from '../utils/db/normalise';
import { splitPulse } from '../utils/db/pulse-secrets';
import { buildQuestions, defaultCoreWording } from '../utils/pulse/questions';

/**
 * The one place tests build records: each factory gives a valid record of the DBSchema type
 * with plain defaults, and takes the fields a test cares about. Ids are given by the test
 * (`uuid(n)` where it needs a real UUID).
 */

export const DAY = 24 * 60 * 60 * 1000;
/** When the records were made, unless a test says otherwise. */
export const T0 = Date.UTC(2025, 2, 10, 10, 0);
const stamps = { createdAt: T0, updatedAt: T0 };

export const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

type With<T, K extends keyof T> = Partial<T> & Pick<T, K>;

export function partnership(fields: With<Partnership, 'id'>): Partnership {
  return { name: fields.id, startDate: '2024-01-01', cadence: DEFAULT_CADENCE, ...stamps, ...fields };
}

export function organisation(fields: With<Organisation, 'id'>): Organisation {
  return { name: fields.id, emailDomains: [], ...stamps, ...fields };
}

/** The id, unless given, names the partnership, the organisation and the day it joined. */
export function membership(fields: With<Membership, 'partnershipId' | 'organisationId' | 'partnerType'>): Membership {
  const joinedOn = fields.joinedOn ?? '2024-01-01';
  return {
    id: `${fields.partnershipId}/${fields.organisationId}/${joinedOn}`,
    joinedOn,
    ...stamps,
    ...fields,
  };
}

/** The aliases, unless given, are the display names normalised (as the people repository stores them). */
export function person(fields: With<Person, 'id'>): Person {
  const displayNames = fields.displayNames ?? [];
  return { displayNames, aliases: displayNames.map(normaliseName), emails: [], ...stamps, ...fields };
}

export function meeting(fields: With<Meeting, 'id' | 'partnershipId'>): Meeting {
  return {
    status: 'held',
    platform: 'zoom',
    title: 'Core meeting',
    startAt: T0,
    // An hour long from when it starts, unless given.
    endAt: (fields.startAt ?? T0) + 60 * 60 * 1000,
    kind: 'core',
    purposeTagIds: [],
    agenda: 'yes',
    attendees: [],
    organisationIds: [],
    decisions: '',
    notes: '',
    ...stamps,
    ...fields,
  };
}

export function purposeTag(fields: With<PurposeTag, 'id' | 'label'>): PurposeTag {
  return { ...stamps, ...fields };
}

/** A pulse's private key, as StartPulse makes one (not extractable). */
export async function pulsePrivateKey(): Promise<CryptoKey> {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, [
    'deriveBits',
  ])) as CryptoKeyPair;
  return pair.privateKey;
}

/** The four core questions and one 0–10 question, open for a week from when it was made. */
export function pulse(fields: With<Pulse, 'id' | 'partnershipId'>): Pulse {
  return {
    // Only when not given: the default wording comes from t(), not mocked yet at a test module's top level.
    questions:
      fields.questions ?? buildQuestions(defaultCoreWording(), [{ wording: 'How useful was it?', scale: 'zeroTen' }]),
    invitedOrganisationIds: [],
    expiresAt: (fields.createdAt ?? T0) + 7 * DAY,
    threshold: 3,
    ...stamps,
    ...fields,
  };
}

export function response(fields: With<PulseResponse, 'id' | 'pulseId' | 'partnerType'>): PulseResponse {
  return {
    answers: { trust: 4, equity: 3, flexibility: 5, communication: null },
    source: 'widget',
    receivedAt: T0 + DAY,
    verified: true,
    ...stamps,
    ...fields,
  };
}

/** A shown group of a 1–5 question: counts per value 1…5 (its n and mean follow from them). */
export function shownGroup(counts: [number, number, number, number, number], preferNotToSay = 0): PublishedGroup {
  const n = counts.reduce((sum, c) => sum + c, 0);
  return {
    hidden: false,
    n,
    mean: counts.reduce((sum, c, i) => sum + c * (i + 1), 0) / n,
    distribution: counts.map((count, i) => ({ value: i + 1, count })),
    preferNotToSay,
  };
}

/**
 * A published result (a coordinator's imported pulse): by default one trust question, three
 * core partners shown (4, 5 and 3), the lead and wider partners hidden, no comments.
 */
export function publishedResult(fields: With<PublishedResult, 'id' | 'partnershipId'>): PublishedResult {
  const hidden: PublishedGroup = { hidden: true, reason: 'below-threshold' };
  const core = shownGroup([0, 0, 1, 1, 1]);
  return {
    pulseId: fields.id,
    partnershipName: 'Northmoor Hardship Partnership',
    at: T0,
    closedAt: T0 + 7 * DAY,
    threshold: 3,
    responses: 3,
    invited: 5,
    unverified: 0,
    questions: [
      {
        id: 'trust',
        dimension: 'trust',
        wording: 'I trust the other partners to do what they say they will do.',
        scale: 'agree5',
        seriesId: 'trust-1',
        overall: core,
        byPartnerType: { lead: hidden, core, wider: hidden },
      },
    ],
    createdAt: T0 + 7 * DAY,
    updatedAt: T0 + 8 * DAY,
    ...fields,
  };
}

/**
 * Writes records straight into their stores, as they are (no repository rules), except that a
 * pulse is split as utils/db stores it: its private key, totals and refused count in pulseSecrets.
 */
export async function putAll(
  db: PulseDatabase,
  records: {
    partnerships?: Partnership[];
    organisations?: Organisation[];
    memberships?: Membership[];
    people?: Person[];
    meetings?: Meeting[];
    purposeTags?: PurposeTag[];
    pulses?: Pulse[];
    responses?: PulseResponse[];
  },
): Promise<void> {
  for (const [store, list] of Object.entries(records)) {
    for (const record of list ?? []) {
      if (store !== 'pulses') {
        await db.put(store as 'partnerships', record as Partnership);
        continue;
      }
      const parts = splitPulse(record as Pulse);
      await db.put('pulses', parts.record);
      if (parts.secrets) await db.put('pulseSecrets', parts.secrets);
    }
  }
}

/** A seat of a personal-link pulse; the token and hash are placeholders unless given. */
export function seat(fields: With<Seat, 'id' | 'pulseId' | 'organisationId' | 'partnerType'>): Seat {
  return { name: fields.id, token: 'AAAAAAAAAAAAAAAAAAAAAA', tokenHash: `hash-${fields.id}`, ...stamps, ...fields };
}
