import type {
  Meeting,
  Membership,
  Organisation,
  Partnership,
  Pulse,
  PulseResponse,
  PurposeTag,
} from '../../../../utils/db/records';
import type { PulseDatabase } from '../../../../utils/db/schema';
import { DEFAULT_CADENCE } from '../../../../utils/db/records';
import { buildQuestions, defaultCoreWording } from '../../../../utils/pulse/questions';

/** Small stored records for the export tests, written straight into the stores. */

export const T0 = Date.UTC(2025, 2, 10, 10, 0);
export const DAY = 24 * 60 * 60 * 1000;
const stamps = { createdAt: T0, updatedAt: T0 };

export const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export function partnership(n: number, name: string, extra: Partial<Partnership> = {}): Partnership {
  return { id: uuid(n), name, startDate: '2024-01-01', cadence: DEFAULT_CADENCE, ...stamps, ...extra };
}

export function organisation(n: number, name: string, extra: Partial<Organisation> = {}): Organisation {
  return { id: uuid(n), name, emailDomains: [], ...stamps, ...extra };
}

export function membership(
  n: number,
  partnershipId: string,
  organisationId: string,
  partnerType: Membership['partnerType'],
  extra: Partial<Membership> = {},
): Membership {
  return { id: uuid(n), partnershipId, organisationId, partnerType, joinedOn: '2024-01-01', ...stamps, ...extra };
}

export function meeting(n: number, partnershipId: string, extra: Partial<Meeting> = {}): Meeting {
  return {
    id: uuid(n),
    partnershipId,
    status: 'held',
    platform: 'zoom',
    title: 'Core meeting',
    startAt: T0,
    endAt: T0 + 60 * 60 * 1000,
    kind: 'core',
    purposeTagIds: [],
    agenda: 'yes',
    attendees: [],
    organisationIds: [],
    decisions: '',
    notes: '',
    ...stamps,
    ...extra,
  };
}

export function purposeTag(n: number, label: string): PurposeTag {
  return { id: uuid(n), label, ...stamps };
}

export function pulse(n: number, partnershipId: string, extra: Partial<Pulse> = {}): Pulse {
  return {
    id: uuid(n),
    partnershipId,
    questions: buildQuestions(defaultCoreWording(), [{ wording: 'How useful was it?', scale: 'zeroTen' }]),
    invitedOrganisationIds: [],
    expiresAt: T0 + 7 * DAY,
    threshold: 3,
    ...stamps,
    ...extra,
  };
}

export function response(
  n: number,
  pulseId: string,
  partnerType: PulseResponse['partnerType'],
  extra: Partial<PulseResponse> = {},
): PulseResponse {
  return {
    id: uuid(n),
    pulseId,
    partnerType,
    answers: { trust: 4, equity: 3, flexibility: 5, communication: null },
    source: 'widget',
    receivedAt: T0 + DAY,
    ...stamps,
    ...extra,
  };
}

export async function putAll(
  db: PulseDatabase,
  records: {
    partnerships?: Partnership[];
    organisations?: Organisation[];
    memberships?: Membership[];
    meetings?: Meeting[];
    purposeTags?: PurposeTag[];
    pulses?: Pulse[];
    responses?: PulseResponse[];
  },
): Promise<void> {
  for (const [store, list] of Object.entries(records)) {
    for (const record of list) await db.put(store as 'partnerships', record as Partnership);
  }
}
