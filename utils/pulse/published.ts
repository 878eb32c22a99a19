import {
  isVerified,
  PARTNER_TYPES,
  type PartnerType,
  type Pulse,
  type PublishedGroup,
  type PublishedQuestion,
  type PublishedResult,
  type PulseResponse,
} from '../db/records';
import { pulseAt } from '../dashboard/trends/pulse-points';
import { aggregatePulse, suppressTree, type GroupResult, type Tree } from './aggregate';
import { passesSomewhere } from './passes';
import { isReleased } from './release';

/**
 * A closed pulse's results as published to a coordinator (the coordinator export, and the
 * "published results" a coordinator's dashboard charts): the panel's own aggregation
 * (aggregatePulse: verified answers only, per question and per group, with the partition rule)
 * copied out group by group, with no organisation-level figures, no individual rows and no
 * arrival times. Open or deleted pulses publish nothing.
 *
 * Comments and free-text answers travel only when the lead chooses, and only of partner types
 * that pass twice: the type's verified responses are shown by the same suppression
 * (suppressTree over response counts) and the type shows a figure on at least one rated
 * question (or the pulse has none). They are listed by type, never pooled, so no list is the
 * difference of two others.
 */

export interface PublishOptions {
  partnershipName: string;
  includeComments: boolean;
  /** The export time: the record's `updatedAt` (a later export of the same pulse replaces it). */
  now: number;
  /** The pulse was answered through the shared link (it has no seats): published as `sharedLink: true`. */
  sharedLink?: boolean;
}

type Received = Pick<
  PulseResponse,
  'pulseId' | 'partnerType' | 'organisationId' | 'answers' | 'comment' | 'deletedAt' | 'verified'
>;

function publishedGroup(group: GroupResult): PublishedGroup {
  if (group.hidden) return { hidden: true, reason: group.reason };
  return {
    hidden: false,
    n: group.n,
    mean: group.mean,
    distribution: group.distribution.map(({ value, count }) => ({ value, count })),
    preferNotToSay: group.preferNotToSay,
  };
}

const sorted = (texts: string[]) => [...texts].sort((a, b) => a.localeCompare(b));

/** The pulse's published result, or null while it is open (or once deleted). */
export function publishPulse(
  pulse: Pick<
    Pulse,
    | 'id'
    | 'partnershipId'
    | 'questions'
    | 'threshold'
    | 'invitedOrganisationIds'
    | 'expiresAt'
    | 'createdAt'
    | 'periodEnd'
    | 'deletedAt'
  >,
  received: readonly Received[],
  options: PublishOptions,
): PublishedResult | null {
  if (pulse.deletedAt !== undefined || !isReleased(pulse, options.now)) return null;
  const own = received.filter((r) => r.pulseId === pulse.id && r.deletedAt === undefined);
  const results = aggregatePulse(pulse, own);
  const questions: PublishedQuestion[] = results.questions.map(({ question, overall, byPartnerType }) => {
    const types = {} as Record<PartnerType, PublishedGroup>;
    for (const type of PARTNER_TYPES) types[type] = publishedGroup(byPartnerType[type]);
    return {
      id: question.id,
      ...(question.dimension ? { dimension: question.dimension } : {}),
      wording: question.wording,
      scale: question.scale as PublishedQuestion['scale'],
      seriesId: question.seriesId,
      overall: publishedGroup(overall),
      byPartnerType: types,
    };
  });
  const comments = options.includeComments ? releasedComments(pulse, own, questions, results.threshold) : undefined;
  return {
    id: pulse.id,
    createdAt: pulse.expiresAt,
    updatedAt: Math.max(options.now, pulse.expiresAt),
    pulseId: pulse.id,
    partnershipId: pulse.partnershipId,
    partnershipName: options.partnershipName,
    // A period still running (a quarter, closed early) dates the result now: never ahead, where it would be refused.
    at: Math.min(pulseAt(pulse), options.now),
    closedAt: pulse.expiresAt,
    threshold: results.threshold,
    responses: results.responses,
    invited: results.invited,
    unverified: results.unverified,
    ...(options.sharedLink ? { sharedLink: true as const } : {}),
    questions,
    ...(comments ? { comments } : {}),
  };
}

/** The comments and free-text answers of each partner type that passes (see above), sorted. */
function releasedComments(
  pulse: Pick<Pulse, 'questions'>,
  received: readonly Received[],
  questions: readonly PublishedQuestion[],
  threshold: number,
): NonNullable<PublishedResult['comments']> {
  const verified = received.filter((r) => isVerified(r));
  const children: Tree<Received>[] = PARTNER_TYPES.map((type) => {
    const members = verified.filter((r) => r.partnerType === type);
    return { key: type, size: members.length, members, children: [] };
  });
  const hidden = suppressTree({ key: 'all', size: verified.length, members: verified, children }, threshold);
  const textQuestions = pulse.questions.filter((q) => q.scale === 'text');
  const released: NonNullable<PublishedResult['comments']> = [];
  for (const node of children) {
    const type = node.key as PartnerType;
    if (hidden.has(type) || !passesSomewhere(questions, type)) continue;
    const texts = node.members.flatMap((r) => {
      const own = textQuestions.flatMap((q) => {
        const value = Object.hasOwn(r.answers, q.id) ? r.answers[q.id] : undefined;
        return typeof value === 'string' && value.trim() ? [value.trim()] : [];
      });
      return r.comment?.trim() ? [r.comment.trim(), ...own] : own;
    });
    if (texts.length > 0) released.push({ partnerType: type, texts: sorted(texts) });
  }
  return released;
}
