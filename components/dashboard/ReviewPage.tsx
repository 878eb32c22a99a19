import { useEffect, useMemo } from 'preact/hooks';
import { DIMENSIONS, MEETING_KINDS, PARTNER_TYPES } from '../../utils/db/records';
import type { PulseDatabase } from '../../utils/db/schema';
import { formatDate, formatNumber } from '../../utils/i18n/format';
import { dimensionLabel, kindLabel, partnerTypeLabel } from '../../utils/i18n/labels';
import { t } from '../../utils/i18n/messages';
import type { DashboardModel } from '../../utils/dashboard/model';
import { filtersToSearch } from '../../utils/dashboard/filters';
import { reviewComments } from '../../utils/dashboard/review';
import { CHARTED_CADENCE, fewerThan, round2 } from '../../utils/dashboard/views';
import { markReady } from '../../utils/perf/ready';
import { useDocumentTitle } from '../shared/hooks/useDocumentTitle';
import { useLiveQuery } from '../shared/hooks/useLiveQuery';
import {
  agendaChart,
  attendanceChart,
  cadenceChart,
  dimensionChart,
  partnerTypeChart,
  purposeChart,
} from './chart-configs';
import { ChartCard } from './ChartCard';
import { DataTable } from './DataTable';
import { themeFor } from './palette';
import { counted, plural } from '../../utils/i18n/plural';

/** Printed on paper whatever the screen's scheme: the light colours. */
const PRINT_THEME = themeFor(false);

/**
 * The annual review pack: one partnership, one calendar year, laid out for the browser's
 * print to PDF. Comments are read only for pulses that reached the threshold, through the
 * pulse results (utils/pulse/aggregate.ts), sorted, never in arrival order.
 */
export function ReviewPage(props: { db: PulseDatabase; model: DashboardModel; year: number }) {
  const { db, model, year } = props;
  const reference = model.reference.value;
  // Closed pulses only: an open pulse's comments are not released.
  const pulses = model.released.value;
  const range = model.range.value;
  const partnership = model.chosen.value.length === 1 ? model.chosen.value[0]! : null;
  const reviewed = model.views.review.value;
  const dimensions = model.views.dimensions.value;
  const types = model.views.partnerTypes.value;
  const attendance = model.views.attendance.value;
  const cadence = model.views.cadence.value;
  const purposes = model.views.purposes.value;
  const agenda = model.views.agenda.value;
  // Read again when a pulse's responses change (its summary changes with them).
  const comments = useLiveQuery(
    () => (pulses ? reviewComments(db, pulses) : Promise.resolve(null)),
    ['pulses'],
    pulses,
  );

  const views = useMemo(() => {
    if (!reviewed || !dimensions || !types || !attendance || !cadence || !purposes || !agenda) return null;
    return {
      figures: reviewed,
      dimensions,
      types,
      attendance,
      cadence,
      purposes,
      agenda,
      specs: {
        dimensions: dimensions.map((view) => dimensionChart(view, PRINT_THEME, range)),
        types: partnerTypeChart(types, PRINT_THEME),
        attendance: attendanceChart(attendance, PRINT_THEME),
        cadence: cadenceChart(cadence, PRINT_THEME, CHARTED_CADENCE as Array<'core' | 'wider'>, range),
        purposes: purposeChart(purposes, PRINT_THEME),
        agenda: agendaChart(agenda, PRINT_THEME),
      },
    };
  }, [reviewed, dimensions, types, attendance, cadence, purposes, agenda, range]);

  const ready = reference !== null && (partnership === null || (views !== null && comments != null));
  const yearText = formatNumber(year, { useGrouping: false });
  const heading = partnership ? t('dashReviewTitle', partnership.name, yearText) : t('dashReviewTitleNone');
  // Also the file name the browser suggests when the pack is printed to PDF.
  useDocumentTitle(t('pageTitleReview', heading));
  useEffect(() => {
    if (ready) markReady();
  }, [ready]);

  if (reference === null) return <p class="page">{t('dashLoading')}</p>;
  const back = `/dashboard.html${filtersToSearch({ ...model.filters.value, from: undefined, to: undefined })}`;
  if (!partnership) {
    return (
      <main class="dashboard review">
        <h1>{heading}</h1>
        <p>{t('dashReviewChoose')}</p>
        <a href="/dashboard.html">{t('dashReviewBack')}</a>
      </main>
    );
  }
  if (!views || comments == null) return <p class="page">{t('dashLoading')}</p>;

  const { figures } = views;
  const fileSuffix = `${year}`;
  const n = (value: number) => formatNumber(value, { maximumFractionDigits: 2 });
  const pct = (share: number | null) =>
    share === null ? '–' : formatNumber(share, { style: 'percent', maximumFractionDigits: 0 });
  const day = (epochMs: number) => formatDate(epochMs, { dateStyle: 'medium', timeZone: model.context.value.timeZone });
  const threshold = Math.max(3, ...(pulses ?? []).map((p) => p.threshold));
  // The meeting charts: empty alike when the year held no meeting.
  const meetingChart = (key: 'attendance' | 'cadence' | 'purposes' | 'agenda', title: string) => (
    <ChartCard
      id={`review-${key}`}
      title={title}
      spec={views.specs[key]}
      table={views[key].table}
      empty={figures.meetingsHeld === 0 ? t('dashNoMeetings') : null}
      fileSuffix={fileSuffix}
    />
  );

  return (
    <main class="dashboard review">
      <header class="review-header">
        <h1>{heading}</h1>
        <p class="meta">
          {t('dashReviewPrepared', formatDate(Date.now()), formatDate(range.fromMs), formatDate(range.toMs - 1))}
        </p>
        <p class="meta">{plural('dashReviewThresholdNote', threshold, n(threshold))}</p>
        <div class="actions no-print">
          <button type="button" class="primary" onClick={() => window.print()}>
            {t('dashReviewPrint')}
          </button>
          <a href={back}>{t('dashReviewBack')}</a>
        </div>
      </header>

      <section aria-labelledby="figures-heading">
        <h2 id="figures-heading">{t('dashReviewFigures')}</h2>
        <table class="figures">
          <tbody>
            <tr>
              <th scope="row">{t('dashReviewMeetingsHeld')}</th>
              <td>
                {n(figures.meetingsHeld)}
                {figures.meetingsHeld > 0 &&
                  ` (${MEETING_KINDS.filter((k) => figures.byKind[k] > 0)
                    .map((k) => `${kindLabel(k)}: ${n(figures.byKind[k])}`)
                    .join(', ')})`}
              </td>
            </tr>
            <tr>
              <th scope="row">{t('dashReviewAgreedAgenda')}</th>
              <td>{pct(figures.agreedAgendaShare)}</td>
            </tr>
            <tr>
              <th scope="row">{t('dashReviewWithPurpose')}</th>
              <td>{pct(figures.withPurposeShare)}</td>
            </tr>
            <tr>
              <th scope="row">{t('dashReviewPulses')}</th>
              <td>
                {t(
                  'dashReviewPulsesValue',
                  counted('countPulses', figures.pulses),
                  counted('countResponses', figures.responses),
                  pct(figures.responseRate),
                )}
              </td>
            </tr>
            {figures.unverifiedPulses > 0 && (
              <tr data-unverified>
                <th scope="row">{t('dashColNotVerified')}</th>
                <td>
                  {plural(
                    'dashReviewUnverified',
                    figures.unverifiedPulses,
                    n(figures.unverifiedPulses),
                    t('sharedLinkBadge'),
                  )}
                </td>
              </tr>
            )}
            {figures.dimensions.map((d) => (
              <tr key={d.dimension}>
                <th scope="row">{dimensionLabel(d.dimension)}</th>
                <td>
                  {d.year === null
                    ? t('dashReviewNoPulses')
                    : d.year.hidden
                      ? fewerThan(d.year.threshold)
                      : plural('dashReviewDimensionValue', d.year.n, n(round2(d.year.mean)), n(d.year.n)) +
                        (d.first !== null && d.last !== null && figures.pulses > 1
                          ? ` · ${t('dashReviewFirstLast', n(round2(d.first)), n(round2(d.last)))}`
                          : '')}
                </td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t('dashReviewEquityGap')}</th>
              <td>
                {figures.equityGap
                  ? t(
                      'dashReviewEquityGapValue',
                      partnerTypeLabel(figures.equityGap.highest.partnerType),
                      n(round2(figures.equityGap.highest.mean)),
                      partnerTypeLabel(figures.equityGap.lowest.partnerType),
                      n(round2(figures.equityGap.lowest.mean)),
                      n(round2(figures.equityGap.gap)),
                    )
                  : plural('dashReviewEquityGapNone', threshold, n(threshold))}
              </td>
            </tr>
            <tr>
              <th scope="row">{t('dashReviewMembers')}</th>
              <td>
                {PARTNER_TYPES.map((type) => `${partnerTypeLabel(type)}: ${n(figures.members[type])}`).join(', ')}
                {` · ${t('dashReviewJoinedLeft', n(figures.joined), n(figures.left))}`}
              </td>
            </tr>
            <tr>
              <th scope="row">{t('dashReviewAnnualReview')}</th>
              <td>{figures.reviewHeldAt === null ? t('dashReviewNotHeld') : day(figures.reviewHeldAt)}</td>
            </tr>
          </tbody>
        </table>
      </section>

      <section aria-labelledby="review-pulse-heading">
        <h2 id="review-pulse-heading">{t('dashPulseHeading')}</h2>
        <div class="chart-grid">
          {DIMENSIONS.map((dimension, index) => (
            <ChartCard
              key={dimension}
              id={`review-${dimension}`}
              title={dimensionLabel(dimension)}
              spec={views.specs.dimensions[index]!}
              table={views.dimensions[index]!.table}
              empty={views.dimensions[index]!.table.rows.length === 0 ? t('dashReviewNoPulses') : null}
              fileSuffix={fileSuffix}
            />
          ))}
        </div>
        <ChartCard
          id="review-partner-types"
          title={t('dashTypeChart', dimensionLabel('equity'))}
          spec={views.specs.types}
          table={views.types.table}
          empty={views.types.periods.length === 0 ? t('dashReviewNoPulses') : null}
          fileSuffix={fileSuffix}
        />
      </section>

      <section aria-labelledby="review-attendance-heading" class="page-break">
        <h2 id="review-attendance-heading">{t('dashAttendanceHeading')}</h2>
        {meetingChart('attendance', t('dashAttendanceChart'))}
        <DataTable id="review-attendance-table" caption={t('dashAttendanceChart')} table={views.attendance.table} />
        {meetingChart('cadence', t('dashCadenceChart'))}
      </section>

      <section aria-labelledby="review-purpose-heading">
        <h2 id="review-purpose-heading">{t('dashPurposeHeading')}</h2>
        <div class="chart-grid">
          {meetingChart('purposes', t('dashPurposeChart'))}
          {meetingChart('agenda', t('dashAgendaChart'))}
        </div>
        <DataTable id="review-purposes-table" caption={t('dashPurposeChart')} table={views.purposes.table} />
      </section>

      <section aria-labelledby="review-comments-heading" class="page-break">
        <h2 id="review-comments-heading">{t('dashReviewComments')}</h2>
        <p class="hint">{plural('dashReviewCommentsHint', threshold, n(threshold))}</p>
        {comments.length === 0 ? (
          <p>{t('dashReviewNoComments')}</p>
        ) : (
          comments.map(({ pulse, comments: texts }) => (
            <section
              key={pulse.id}
              class="review-comments"
              aria-label={t('dashReviewCommentsOf', day(pulse.periodEnd ?? pulse.createdAt))}
            >
              <h3>{t('dashReviewCommentsOf', day(pulse.periodEnd ?? pulse.createdAt))}</h3>
              <ul>
                {texts.map((text, i) => (
                  <li key={i} dir="auto">
                    {text}
                  </li>
                ))}
              </ul>
            </section>
          ))
        )}
      </section>
    </main>
  );
}
