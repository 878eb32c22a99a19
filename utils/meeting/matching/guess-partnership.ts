import type { Meeting, Membership, Partnership } from '../../db/records';
import { isMemberOn } from './expected';

export interface PartnershipGuessInput {
  title: string | null | undefined;
  /** Organisations represented in the call. */
  organisationIds: string[];
  /** Past meetings (any partnership); tombstoned ones are ignored. */
  meetings: Meeting[];
  partnerships: Partnership[];
  memberships: Membership[];
  /** The call link's key (`meet:abc-defg-hij`): a recurring link is the strongest sign. */
  callKey?: string | null;
  /** When the meeting is: memberships are taken on that date (default: not left). */
  at?: number;
}

/** What decided the guess, for the panel to say why ("same call link as earlier meetings"). */
export type GuessReason = 'call' | 'name' | 'title' | 'organisations';

export interface PartnershipGuess {
  partnershipId: string;
  reason: GuessReason;
}

/** Words that name no partnership in particular. */
const COMMON_WORDS = new Set([
  'the',
  'and',
  'for',
  'with',
  'our',
  'partnership',
  'partners',
  'partner',
  'meeting',
  'meetings',
  'call',
  'catch',
  'weekly',
  'monthly',
  'quarterly',
  'update',
  'group',
  'session',
  'team',
]);

const WEIGHT = { call: 6, name: 4, title: 3, organisations: 3 } as const;
/** The winner needs at least this score and this lead over the runner-up. */
const MIN_SCORE = 2;
const MIN_LEAD = 1.5;

function words(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0 && !/^\p{N}+$/u.test(word));
}

function significant(text: string): Set<string> {
  return new Set(words(text).filter((word) => word.length >= 3 && !COMMON_WORDS.has(word)));
}

/** Title without numbers and punctuation: "Core meeting #12" and "Core meeting #13" are the same series. */
function titleKey(text: string): string {
  return words(text).join(' ');
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared += 1;
  return shared / (a.size + b.size - shared);
}

function nameScore(name: string, titleWords: string[], titleSignificant: Set<string>): number {
  const nameWords = significant(name);
  const acronym = words(name)
    .map((word) => word[0])
    .join('');
  if (acronym.length >= 3 && titleWords.includes(acronym)) return 1;
  if (nameWords.size === 0) return 0;
  let found = 0;
  for (const word of nameWords) if (titleSignificant.has(word)) found += 1;
  return found / nameWords.size;
}

/**
 * Which partnership a call most likely belongs to, from its call link, its title (the
 * partnership's name, earlier meetings' titles) and who is present (current members).
 * Null unless one partnership is clearly ahead: a wrong pre-filled partnership is worse than
 * an empty one.
 */
export function guessPartnership(input: PartnershipGuessInput): PartnershipGuess | null {
  const title = input.title ?? '';
  const titleWords = words(title);
  const titleSignificant = significant(title);
  const currentTitleKey = titleKey(title);
  const present = new Set(input.organisationIds);

  const pastMeetings = input.meetings.filter((meeting) => meeting.deletedAt === undefined);
  const scored = input.partnerships
    .filter((partnership) => partnership.deletedAt === undefined)
    .map((partnership) => {
      const own = pastMeetings.filter((meeting) => meeting.partnershipId === partnership.id);
      const parts: Record<GuessReason, number> = { call: 0, name: 0, title: 0, organisations: 0 };

      if (input.callKey && own.some((meeting) => meeting.callKey === input.callKey)) parts.call = WEIGHT.call;

      parts.name = WEIGHT.name * nameScore(partnership.name, titleWords, titleSignificant);

      if (currentTitleKey && own.some((meeting) => titleKey(meeting.title) === currentTitleKey)) {
        parts.title = WEIGHT.title;
      } else {
        const best = Math.max(0, ...own.map((meeting) => jaccard(titleSignificant, significant(meeting.title))));
        parts.title = (WEIGHT.title * 2 * best) / 3;
      }

      if (present.size > 0) {
        const members = new Set(
          input.memberships
            .filter((membership) => membership.partnershipId === partnership.id)
            .filter((membership) =>
              input.at === undefined
                ? membership.deletedAt === undefined && membership.leftOn === undefined
                : isMemberOn(membership, input.at),
            )
            .map((membership) => membership.organisationId),
        );
        let shared = 0;
        for (const id of present) if (members.has(id)) shared += 1;
        parts.organisations = (WEIGHT.organisations * shared) / present.size;
      }

      const total = parts.call + parts.name + parts.title + parts.organisations;
      return { partnership, parts, total };
    })
    .sort((a, b) => b.total - a.total);

  const [best, second] = scored;
  if (!best || best.total < MIN_SCORE) return null;
  if (second && best.total - second.total < MIN_LEAD) return null;

  const reason = (Object.keys(best.parts) as GuessReason[]).reduce((a, b) => (best.parts[b] > best.parts[a] ? b : a));
  return { partnershipId: best.partnership.id, reason };
}
