import { isHeld, isVerified, PARTNER_TYPES, type PartnerType, type Pulse, type PulseResponse } from '../db/records';
import type { LateBatchWhere } from '../db/responses';
import { partnerTypeLabel } from '../i18n/labels';
import { t } from '../i18n/messages';
import { clampThreshold } from '../settings/settings';
import { groupTree, hiddenInEvery, rated, suppressTree, type Tree } from './aggregate';

/**
 * Whether adding a released pulse's late queue could single a late answer out (issue 12,
 * "results frozen at release"). Whoever sees the views before and after the batch can subtract
 * any number that both show: a group shown in both, or the hidden part of a group shown in both
 * (its figure minus its shown parts). A batch of at least the threshold in all and per partner
 * type (canAddHeld) is not enough: a question the others left unrated ("prefer not to say"), an
 * organisation shown on its own, or the hidden rest of a partner type can still move by one
 * answer, which the subtraction then gives away.
 *
 * The rule: in every tree the views are built from (the answers per group, which the responses
 * CSV names rows by; each rated question's ratings, which every chart shows), every group shown
 * before and after, and every part of such a group that is hidden before or after, moves by no
 * answer or by at least the threshold. Anything both views let one work out is a sum of such
 * moves, so it covers no fewer than the threshold of late answers. Verified answers only: the
 * threshold counts nothing else.
 */
export function lateBatchProblem(
  pulse: Pick<Pulse, 'questions' | 'threshold' | 'invitedOrganisationIds'>,
  counted: readonly PulseResponse[],
  held: readonly PulseResponse[],
  threshold: number,
): LateBatchWhere | null {
  const before = counted.filter((r) => r.deletedAt === undefined && !isHeld(r) && isVerified(r));
  const after = [...before, ...held.filter((r) => r.deletedAt === undefined && isVerified(r))];
  const organisations = [
    ...new Set([
      ...pulse.invitedOrganisationIds,
      ...after.flatMap((r) => (r.organisationId ? [r.organisationId] : [])),
    ]),
  ];
  // What the views hide is decided at the pulse's threshold (the dashboard), or at a stricter one
  // (the CSV takes the stricter of the pulse's and the setting): both are checked.
  const step = Math.max(clampThreshold(pulse.threshold), clampThreshold(threshold));
  const shownAt = [...new Set([clampThreshold(pulse.threshold), step])];
  const trees: Array<{ questionId?: string; size: (members: readonly PulseResponse[]) => number }> = [
    { size: (members) => members.length },
    ...pulse.questions
      .filter((question) => question.scale !== 'text')
      .map((question) => ({
        questionId: question.id,
        size: (members: readonly PulseResponse[]) => rated(members, question.id),
      })),
  ];
  for (const limit of shownAt) {
    const then = trees.map(({ size }) => groupTree(before, organisations, size));
    const now = trees.map(({ size }) => groupTree(after, organisations, size));
    // Each view on its own (the dashboard, per question), and the CSV's names of rows, which hold in every tree.
    const named = [hiddenInEvery(then[0]!, then.slice(1), limit), hiddenInEvery(now[0]!, now.slice(1), limit)] as const;
    for (const [index, { questionId }] of trees.entries()) {
      const views = [
        [suppressTree(then[index]!, limit), suppressTree(now[index]!, limit)],
        ...(index === 0 ? [named] : []),
      ];
      for (const [hiddenBefore, hiddenAfter] of views) {
        const moved = smallMove(then[index]!, now[index]!, hiddenBefore!, hiddenAfter!, step);
        if (moved) return { ...(questionId !== undefined ? { questionId } : {}), ...moved };
      }
    }
  }
  return null;
}

/**
 * The first group (or hidden part of a group) that both trees let one work out and that moves by
 * more than nothing but fewer than `step`, given what each hides; null when none does.
 * The two trees have the same keys (built over the same organisations), `after` the larger.
 */
function smallMove<T>(
  before: Tree<T>,
  after: Tree<T>,
  hiddenBefore: { has(key: string): boolean },
  hiddenAfter: { has(key: string): boolean },
  step: number,
): Pick<LateBatchWhere, 'group' | 'hiddenPart'> | null {
  const small = (moved: number) => moved > 0 && moved < step;
  const visit = (then: Tree<T>, now: Tree<T>): Pick<LateBatchWhere, 'group' | 'hiddenPart'> | null => {
    if (small(now.size - then.size)) return { group: now.key };
    const moves = now.children.map((child, i) => child.size - then.children[i]!.size);
    const hidThen = now.children.map((_, i) => hiddenBefore.has(then.children[i]!.key));
    const hidNow = now.children.map((child) => hiddenAfter.has(child.key));
    // The hidden parts: the children hidden before, and those hidden after; one part when they overlap.
    const sum = (pick: readonly boolean[]) => moves.reduce((total, move, i) => total + (pick[i] ? move : 0), 0);
    const overlap = hidThen.some((hid, i) => hid && hidNow[i]);
    const parts = overlap ? [hidThen.map((hid, i) => hid || hidNow[i]!)] : [hidThen, hidNow];
    if (parts.some((part) => small(sum(part)))) return { group: now.key, hiddenPart: true };
    for (const [i, child] of now.children.entries()) {
      if (hidThen[i] || hidNow[i]) continue;
      const found = visit(then.children[i]!, child);
      if (found) return found;
    }
    return null;
  };
  return hiddenBefore.has(before.key) || hiddenAfter.has(after.key) ? null : visit(before, after);
}

/**
 * Where a late batch would single an answer out, in words for the lead: the group (with the
 * organisation's name from `organisationName`) and the question, or the count of answers.
 */
export function lateBatchWhereText(
  where: LateBatchWhere,
  pulse: Pick<Pulse, 'questions'>,
  organisationName: (id: string) => string,
): string {
  const [type, organisationId] = where.group.split('/') as [string, string | undefined];
  const group =
    where.group === 'all'
      ? t('lateWhereAll')
      : isPartnerType(type)
        ? organisationId === undefined
          ? t('lateWhereType', partnerTypeLabel(type))
          : t('lateWhereOrganisation', organisationName(organisationId), partnerTypeLabel(type))
        : where.group;
  const part = where.hiddenPart ? t('lateWhereHiddenPart', group) : group;
  const question = pulse.questions.find((q) => q.id === where.questionId);
  return question ? t('lateWhereQuestion', part, question.wording) : t('lateWhereCount', part);
}

const isPartnerType = (value: string): value is PartnerType => (PARTNER_TYPES as readonly string[]).includes(value);
