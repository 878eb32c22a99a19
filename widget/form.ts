// What the widget's form means: field names, and turning the filled-in form into the
// payload that gets sealed. Pure: the view passes in a reader of the form's fields.
import { PARTNER_TYPES, type PartnerType } from '../utils/db/records';
import type { InviteQuestion, PulseInvite } from '../utils/pulse/invite';
import type { ResponsePayload } from '../utils/pulse/response-code';

export const FIELD = {
  partnerType: 'partner-type',
  comment: 'comment',
  /** Question fields go by position: question ids are the lead's and may hold any text. */
  question: (index: number) => `q${index}`,
};

/** The value of a "prefer not to say" choice. */
export const NOT_SAID = '';

export const SCALE_VALUES: Record<Exclude<InviteQuestion['scale'], 'text'>, number[]> = {
  agree5: [1, 2, 3, 4, 5],
  zeroTen: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
};

/**
 * The payload for the form, or null while the one required choice is missing: the partner
 * type, on a shared link. A personal link's answer carries the seat's token instead, and no
 * partner type: the lead's records say it.
 */
export function responseFromForm(
  invite: PulseInvite,
  field: (name: string) => string | null,
  made: { responseId: string; answeredAt: number },
): ResponsePayload | null {
  const partnerType = field(FIELD.partnerType) as PartnerType | null;
  const claimed = partnerType !== null && PARTNER_TYPES.includes(partnerType) ? partnerType : undefined;
  if (!invite.seat && claimed === undefined) return null;
  const comment = field(FIELD.comment)?.trim() ?? '';
  const answers = Object.fromEntries(
    invite.questions.map((question, index) => [question.id, answerOf(question, field(FIELD.question(index)))]),
  );
  return {
    v: 2,
    pulseId: invite.pulseId,
    responseId: made.responseId,
    ...(invite.seat ? { token: invite.seat.token } : { partnerType: claimed }),
    answers,
    ...(comment !== '' ? { comment } : {}),
    answeredAt: made.answeredAt,
  };
}

/** null (prefer not to say) for a skipped question, an empty text or a value off the scale. */
function answerOf(question: InviteQuestion, raw: string | null): number | string | null {
  if (raw === null) return null;
  if (question.scale === 'text') return raw.trim() === '' ? null : raw.trim();
  const value = Number(raw);
  return raw !== NOT_SAID && SCALE_VALUES[question.scale].includes(value) ? value : null;
}

/** A random version-4 UUID (crypto.randomUUID is missing from older phone browsers). */
export function randomUuid(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
