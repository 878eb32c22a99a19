import { DIMENSIONS, isHeld, isVerified, type Pulse, type PulseQuestion, type PulseResponse } from '../../db/records';
import { dimensionLabel, partnerTypeLabel } from '../../i18n/labels';
import { t } from '../../i18n/messages';
import { calendarDate } from '../../time/calendar';
import type { Cell, ChartTable } from '../../dashboard/table';
import { aggregatePulse, groupTree, hiddenInEvery, rated, type Tree } from '../../pulse/aggregate';
import { clampThreshold } from '../../settings/settings';
import { pulseAt } from '../../dashboard/trends/pulse-points';
import { answerCell } from './cells';
import { isReleased } from '../../pulse/release';
import type { Names } from './names';

/**
 * One row per response, but only what the dashboard would show:
 * - only closed pulses that reached the anonymity threshold (the stricter of the pulse's own and
 *   the current setting), as the pulse results decide it (aggregatePulse's reachedThreshold);
 *   the others are counted in `withheld`;
 * - a response's partner type and organisation only where that group is shown, through the same
 *   suppression tree as the results (utils/pulse/aggregate.ts), so a lone lead's row does not say
 *   "lead"; an organisation only where the partner gave it;
 * - the pulse's date, never when each response arrived, and rows in no arrival order;
 * - ratings only: a comment or a free-text answer beside its partner's scores would link the two,
 *   which the results never do (they list comments apart, sorted), so free text stays there.
 */

export interface ResponsesTable {
  table: ChartTable;
  /** Pulses left out: still open, or fewer responses than the threshold. */
  withheld: number;
}

export interface ResponsesOptions {
  now: number;
  /** The anonymity threshold setting. */
  threshold: number;
}

export function isReleasable(
  pulse: Pick<Pulse, 'questions' | 'threshold' | 'invitedOrganisationIds' | 'expiresAt'>,
  responses: readonly PulseResponse[],
  options: ResponsesOptions,
): boolean {
  const threshold = Math.max(clampThreshold(pulse.threshold), clampThreshold(options.threshold));
  return isReleased(pulse, options.now) && aggregatePulse({ ...pulse, threshold }, responses).reachedThreshold;
}

export function responsesTable(
  pulses: readonly Pulse[],
  responsesOf: ReadonlyMap<string, readonly PulseResponse[]>,
  names: Names,
  options: ResponsesOptions,
): ResponsesTable {
  const released = [...pulses]
    .sort((a, b) => pulseAt(a) - pulseAt(b) || a.id.localeCompare(b.id))
    .filter((pulse) => isReleasable(pulse, responsesOf.get(pulse.id) ?? [], options));
  const extras = extraQuestions(released);
  const columns = [
    t('csvCol_pulseId'),
    t('csvCol_partnership'),
    t('csvCol_pulseDate'),
    t('csvCol_partnerType'),
    t('csvCol_organisation'),
    ...DIMENSIONS.map((dimension) => dimensionLabel(dimension)),
    ...extras.map((question) => question.wording),
    t('csvCol_source'),
  ];
  const rows: Cell[][] = [];
  for (const pulse of released) {
    // The late queue is in no export until the lead adds it (utils/db/responses.ts).
    const responses = (responsesOf.get(pulse.id) ?? [])
      .filter((r) => !isHeld(r))
      .sort((a, b) => a.id.localeCompare(b.id));
    const threshold = Math.max(clampThreshold(pulse.threshold), clampThreshold(options.threshold));
    // The threshold counts verified answers only (a quick round on a personal-link pulse is not).
    const shown = shownGroups(pulse, responses.filter(isVerified), threshold);
    const questionOf = (match: (q: PulseQuestion) => boolean) => pulse.questions.find(match);
    for (const response of responses) {
      const type = shown.has(response.partnerType) ? partnerTypeLabel(response.partnerType) : '';
      const organisationKey = `${response.partnerType}/${response.organisationId ?? ''}`;
      const organisation =
        response.organisationId && shown.has(organisationKey) ? names.organisation(response.organisationId) : '';
      const answer = (question: PulseQuestion | undefined) =>
        question ? answerCell(response.answers[question.id]) : '';
      rows.push([
        pulse.id,
        names.partnership(pulse.partnershipId),
        calendarDate(pulseAt(pulse)),
        type,
        organisation,
        ...DIMENSIONS.map((dimension) => answer(questionOf((q) => q.dimension === dimension))),
        ...extras.map((extra) => answer(questionOf((q) => !q.dimension && q.seriesId === extra.seriesId))),
        t(`csvSource_${response.source}`),
      ]);
    }
  }
  return { table: { columns, rows }, withheld: pulses.length - released.length };
}

/** Extra (non-core) rated questions of the pulses, one column per series, in first-seen order. */
function extraQuestions(pulses: readonly Pulse[]): PulseQuestion[] {
  const bySeries = new Map<string, PulseQuestion>();
  for (const pulse of pulses) {
    for (const question of pulse.questions) {
      if (question.dimension || question.scale === 'text') continue;
      if (!bySeries.has(question.seriesId)) bySeries.set(question.seriesId, question);
    }
  }
  return [...bySeries.values()];
}

/**
 * Keys of the shown groups: partner types (`core`) and organisations within them (`core/<id>`).
 * A row names its group only where every view shows that group: the answers per group (the
 * rows), and each rated question's ratings (what the dashboard counts: a group of three rows
 * with one rating of a question is hidden there, and naming its rows would show that rating).
 * A group hidden in one tree is hidden in all, and the partition rule is applied again in each,
 * until nothing more is hidden. A question nobody rated (or a group that did not rate it) hides nothing.
 */
function shownGroups(
  pulse: Pick<Pulse, 'questions'>,
  responses: readonly PulseResponse[],
  threshold: number,
): Set<string> {
  const organisations = [...new Set(responses.flatMap((r) => (r.organisationId ? [r.organisationId] : [])))];
  const rows = groupTree(responses, organisations, (members) => members.length);
  const ratings = pulse.questions
    .filter((question) => question.scale !== 'text')
    .map((question) => groupTree(responses, organisations, (members) => rated(members, question.id)));
  const hidden = hiddenInEvery(rows, ratings, threshold);
  const shown = new Set<string>();
  const visit = (node: Tree<PulseResponse>) => {
    if (!hidden.has(node.key)) shown.add(node.key);
    node.children.forEach(visit);
  };
  visit(rows);
  return shown;
}
