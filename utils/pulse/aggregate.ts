import {
  isHeld,
  isVerified,
  PARTNER_TYPES,
  type PartnerType,
  type Pulse,
  type PulseQuestion,
  type PulseResponse,
} from '../db/records';
import { clampThreshold } from '../settings/settings';
import { scaleValues } from './questions';

/**
 * A pulse's results with the anonymity threshold applied.
 *
 * Every number shown comes from one tree of groups per question: all responses → partner type
 * → organisation named (or not) within that type. Filters in the panel only pick nodes of this
 * tree, so no combination of filters makes a group that was not checked here.
 *
 * A group is shown only with at least `threshold` numeric answers. Hiding only the small ones
 * is not enough: with the total and all but one sibling shown, the last sibling is the
 * difference. So among the children of a shown group, the hidden ones must together hold no
 * answers or at least `threshold` of them; if not, the smallest shown sibling is hidden too,
 * until they do. What is hidden below a hidden group stays hidden. Then anything that can be
 * worked out from the shown numbers is a union of hidden siblings: empty or at least the threshold.
 *
 * Only verified answers (PulseResponse.verified) are counted, shown or released: an answer
 * nobody vouched for (a code minted from a shared link past the seat cap) can neither lift a
 * small group over the threshold nor move a shown figure.
 */

export type HiddenReason = 'below-threshold' | 'protects-smaller-group';

export interface HiddenGroup {
  hidden: true;
  reason: HiddenReason;
  threshold: number;
}

export interface ShownGroup {
  hidden: false;
  /** Numeric answers behind the mean ("prefer not to say" is not one). */
  n: number;
  mean: number;
  /** Answers per value of the scale, in scale order. */
  distribution: Array<{ value: number; count: number }>;
  preferNotToSay: number;
}

export type GroupResult = ShownGroup | HiddenGroup;

export interface OrganisationResult {
  partnerType: PartnerType;
  organisationId: string;
  result: GroupResult;
}

export interface QuestionResults {
  question: PulseQuestion;
  overall: GroupResult;
  byPartnerType: Record<PartnerType, GroupResult>;
  /** Every invited (or named) organisation within every partner type: mostly hidden, never a hint of who answered. */
  byOrganisation: OrganisationResult[];
}

export interface PulseResults {
  threshold: number;
  responses: number;
  invited: number;
  /** responses / invited organisations (several people of one organisation may answer); null with none invited. */
  responseRate: number | null;
  /** Answers not counted anywhere (not verified). */
  unverified: number;
  /** At least `threshold` verified responses: comments and free-text answers may be read. */
  reachedThreshold: boolean;
  /** The rated questions (1–5 and 0–10), in the pulse's order. */
  questions: QuestionResults[];
  /** Comments, sorted (never in arrival order, never linked to an answer); null below the threshold. */
  comments: string[] | null;
  textAnswers: Array<{ question: PulseQuestion; answers: string[] | null }>;
}

type ResponseLike = Pick<PulseResponse, 'partnerType' | 'organisationId' | 'answers' | 'comment'> &
  Partial<Pick<PulseResponse, 'verified' | 'heldSince'>>;

/** A response's answer to a question, its own key only (an id `constructor` is not Object's). */
function answerOf(response: ResponseLike, questionId: string): PulseResponse['answers'][string] | undefined {
  return Object.hasOwn(response.answers, questionId) ? response.answers[questionId] : undefined;
}

const UNNAMED = '';

export function aggregatePulse(
  pulse: Pick<Pulse, 'questions' | 'threshold' | 'invitedOrganisationIds'>,
  all: readonly ResponseLike[],
): PulseResults {
  // The late queue counts nowhere until the lead adds it as a batch (utils/db/responses.ts).
  const received = all.filter((r) => !isHeld(r));
  const responses = received.filter((r) => isVerified(r));
  const threshold = clampThreshold(pulse.threshold);
  const reachedThreshold = responses.length >= threshold;
  const invited = pulse.invitedOrganisationIds.length;
  const organisations = [
    ...new Set([
      ...pulse.invitedOrganisationIds,
      ...responses.flatMap((r) => (r.organisationId ? [r.organisationId] : [])),
    ]),
  ];
  const sorted = (texts: string[]) => [...texts].sort((a, b) => a.localeCompare(b));

  return {
    threshold,
    responses: responses.length,
    unverified: received.length - responses.length,
    invited,
    responseRate: invited > 0 ? responses.length / invited : null,
    reachedThreshold,
    questions: pulse.questions
      .filter((question) => question.scale !== 'text')
      .map((question) => questionResults(question, responses, organisations, threshold)),
    comments: reachedThreshold ? sorted(responses.flatMap((r) => (r.comment?.trim() ? [r.comment.trim()] : []))) : null,
    textAnswers: pulse.questions
      .filter((question) => question.scale === 'text')
      .map((question) => ({
        question,
        answers: reachedThreshold
          ? sorted(
              responses.flatMap((r) => {
                const value = answerOf(r, question.id);
                return typeof value === 'string' && value.trim() ? [value.trim()] : [];
              }),
            )
          : null,
      })),
  };
}

function questionResults(
  question: PulseQuestion,
  responses: readonly ResponseLike[],
  organisations: readonly string[],
  threshold: number,
): QuestionResults {
  const answered = responses.filter((r) => answerOf(r, question.id) !== undefined);
  const values = scaleValues(question.scale);

  const tree = groupTree(answered, organisations, (members) => rated(members, question.id));
  const hidden = suppressTree(tree, threshold);
  const result = (node: Tree<ResponseLike>): GroupResult => {
    const reason = hidden.get(node.key);
    return reason ? { hidden: true, reason, threshold } : shown(node.members, question.id, values);
  };

  const byPartnerType = {} as Record<PartnerType, GroupResult>;
  const byOrganisation: OrganisationResult[] = [];
  for (const typeNode of tree.children) {
    const partnerType = typeNode.key as PartnerType;
    byPartnerType[partnerType] = result(typeNode);
    for (const cell of typeNode.children) {
      const organisationId = cell.key.slice(partnerType.length + 1);
      if (organisationId !== UNNAMED) byOrganisation.push({ partnerType, organisationId, result: result(cell) });
    }
  }
  return { question, overall: result(tree), byPartnerType, byOrganisation };
}

/**
 * The tree every figure of a question comes from: all → partner type → organisation (or none)
 * within it, keyed `all`, `core`, `core/<organisation id>` (`core/` for none), each group's size
 * counted by `size` (rated answers to a question; answers, for the responses CSV).
 */
export function groupTree<T extends Pick<ResponseLike, 'partnerType' | 'organisationId'>>(
  members: readonly T[],
  organisations: readonly string[],
  size: (members: readonly T[]) => number,
): Tree<T> {
  const group = (of: readonly T[], key: string, children: Tree<T>[]) => ({
    key,
    members: of,
    size: size(of),
    children,
  });
  return group(
    members,
    'all',
    PARTNER_TYPES.map((type) => {
      const ofType = members.filter((r) => r.partnerType === type);
      return group(
        ofType,
        type,
        [...organisations, UNNAMED].map((org) =>
          group(
            ofType.filter((r) => (r.organisationId ?? UNNAMED) === org),
            `${type}/${org}`,
            [],
          ),
        ),
      );
    }),
  );
}

/** How many of `members` rated the question (a number, not "prefer not to say"). */
export function rated(members: readonly ResponseLike[], questionId: string): number {
  return members.filter((r) => typeof answerOf(r, questionId) === 'number').length;
}

function shown(members: readonly ResponseLike[], questionId: string, values: number[]): ShownGroup {
  const numbers = members.flatMap((r) => {
    const value = answerOf(r, questionId);
    return typeof value === 'number' ? [value] : [];
  });
  return {
    hidden: false,
    n: numbers.length,
    mean: numbers.reduce((sum, value) => sum + value, 0) / numbers.length,
    distribution: values.map((value) => ({ value, count: numbers.filter((n) => n === value).length })),
    preferNotToSay: members.filter((r) => answerOf(r, questionId) === null).length,
  };
}

/** A group and its sub-groups; `size` is what the threshold counts. */
export interface Tree<T = unknown> {
  key: string;
  size: number;
  members: readonly T[];
  children: Tree<T>[];
}

/**
 * The hidden groups of a tree, by key, with why. Groups not in the map are shown. Groups keyed in
 * `forced` are hidden whatever their size (hidden in another tree over the same answers: the
 * responses CSV names a row's group only where every question shows it), and their siblings
 * are then hidden as the partition rule needs.
 */
export function suppressTree<T>(
  root: Tree<T>,
  threshold: number,
  forced: ReadonlySet<string> = new Set(),
): Map<string, HiddenReason> {
  const hidden = new Map<string, HiddenReason>();
  const visit = (node: Tree<T>, hide: boolean) => {
    if (hide) hidden.set(node.key, node.size < threshold ? 'below-threshold' : 'protects-smaller-group');
    const reasons = hide
      ? node.children.map(() => null)
      : suppressPartition(
          node.children.map((c) => c.size),
          threshold,
          node.children.map((c) => forced.has(c.key)),
        );
    node.children.forEach((child, index) => visit(child, hide || reasons[index] !== null));
  };
  visit(root, root.size < threshold || forced.has(root.key));
  return hidden;
}

/**
 * The groups hidden when one name must hold in several trees over the same answers (the
 * responses CSV names a row's group only where every question shows it): `rows`, the answers per
 * group, and `ratings`, one tree per rated question. A group hidden in one tree is hidden in all,
 * and the partition rule applied again in each, until nothing more is hidden. A group that did
 * not rate a question shows nothing of it, so its being hidden in that question's tree hides it
 * nowhere else; a group hidden in `rows` (by its count of answers, none included) is hidden.
 */
export function hiddenInEvery<T>(rows: Tree<T>, ratings: readonly Tree<T>[], threshold: number): Set<string> {
  const sizes = ratings.map((tree) => {
    const of = new Map<string, number>();
    const visit = (node: Tree<T>) => {
      of.set(node.key, node.size);
      node.children.forEach(visit);
    };
    visit(tree);
    return of;
  });
  let hidden = new Set<string>();
  for (;;) {
    const more = new Set([...hidden, ...suppressTree(rows, threshold, hidden).keys()]);
    ratings.forEach((tree, index) => {
      for (const key of suppressTree(tree, threshold, hidden).keys()) if (sizes[index]!.get(key)! > 0) more.add(key);
    });
    if (more.size === hidden.size) return hidden;
    hidden = more;
  }
}

/**
 * Which parts of a shown group to hide, given each part's size: those below the threshold (and
 * those `forced` hidden), then the smallest others until the hidden parts together hold nothing or at least the
 * threshold (so that the shown total minus the shown parts reveals no small group).
 */
export function suppressPartition(
  sizes: readonly number[],
  threshold: number,
  forced: readonly boolean[] = [],
): Array<HiddenReason | null> {
  const reasons: Array<HiddenReason | null> = sizes.map((size, index) =>
    size < threshold ? 'below-threshold' : forced[index] ? 'protects-smaller-group' : null,
  );
  let hiddenTotal = sizes.reduce((sum, size, index) => sum + (reasons[index] ? size : 0), 0);
  while (hiddenTotal > 0 && hiddenTotal < threshold) {
    let smallest = -1;
    sizes.forEach((size, index) => {
      if (!reasons[index] && (smallest < 0 || size < sizes[smallest]!)) smallest = index;
    });
    if (smallest < 0) break; // everything is hidden already: the parent held fewer than the threshold
    reasons[smallest] = 'protects-smaller-group';
    hiddenTotal += sizes[smallest]!;
  }
  return reasons;
}
