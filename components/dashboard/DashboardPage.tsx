import { useEffect, useMemo } from 'preact/hooks';
import { DIMENSIONS, type Dimension } from '../../utils/db/records';
import type { PulseDatabase } from '../../utils/db/schema';
import { formatDate, formatNumber } from '../../utils/i18n/format';
import { cadenceKindLabel, dimensionLabel, partnerTypeLabel } from '../../utils/i18n/labels';
import { t } from '../../utils/i18n/messages';
import type { DashboardModel } from '../../utils/dashboard/model';
import { MAX_DRIFT_AFTER } from '../../utils/dashboard/filters';
import { attendancePartnership, type CadenceView, MAX_GAP_CHARTS, round2 } from '../../utils/dashboard/views';
import { PERIOD_SIZES } from '../../utils/time/calendar';
import { markReady } from '../../utils/perf/ready';
import { YourData } from '../your-data/YourData';
import { LazyPasteCodes } from '../pulse/lazy';
import { SelectField, TextField } from '../shared/fields';
import { useDocumentTitle } from '../shared/hooks/useDocumentTitle';
import {
  agendaChart,
  attendanceChart,
  cadenceChart,
  dimensionChart,
  partnershipGapChart,
  partnerTypeChart,
  purposeChart,
  responseRateChart,
} from './chart-configs';
import { ChartCard } from './ChartCard';
import { Filters } from './Filters';
import { ReviewLink } from './ReviewLink';
import { SampleDataBar, WelcomeEmpty } from './SampleDataControls';
import { useTheme } from './theme';
import { counted, plural } from '../../utils/i18n/plural';

/** Marks the first chart drawn (what the bench times against reading every response). */
function firstChartDrawn(): void {
  if (performance.getEntriesByName('pp-first-chart').length === 0) performance.mark('pp-first-chart');
}

/** The coordinators' dashboard: how each partnership is doing, and for whom. */
export function DashboardPage(props: { db: PulseDatabase; model: DashboardModel }) {
  const { db, model } = props;
  const theme = useTheme();
  useDocumentTitle(t('pageTitleDashboard'));
  const reference = model.reference.value;
  const pulses = model.pulses.value;
  const meetings = model.meetings.value;
  const filters = model.filters.value;
  const range = model.range.value;
  const chosen = model.chosen.value;
  const context = model.context.value;
  const dimensionViews = model.views.dimensions.value;
  const typeView = model.views.partnerTypes.value;
  const gaps = model.views.gaps.value;
  const rateView = model.views.responseRates.value;
  const attendance = model.views.attendance.value;
  const cadence = model.views.cadence.value;
  const purposes = model.views.purposes.value;
  const agenda = model.views.agenda.value;
  const chartedKinds = model.views.chartedKinds.value;

  // One memo per chart: a chart redraws only when what it shows changed (the views keep their
  // identity until then).
  const dimensionSpecs = useMemo(
    () => dimensionViews?.map((view) => dimensionChart(view, theme, range)) ?? null,
    [dimensionViews, theme, range],
  );
  const typeSpec = useMemo(() => (typeView ? partnerTypeChart(typeView, theme) : null), [typeView, theme]);
  const gapSpecs = useMemo(
    () => gaps?.partnerships.slice(0, MAX_GAP_CHARTS).map((view) => partnershipGapChart(view, theme, range)) ?? null,
    [gaps, theme, range],
  );
  const rateSpec = useMemo(() => (rateView ? responseRateChart(rateView, theme) : null), [rateView, theme]);
  const attendanceSpec = useMemo(() => (attendance ? attendanceChart(attendance, theme) : null), [attendance, theme]);
  const cadenceSpec = useMemo(
    () => (cadence && chartedKinds.length > 0 ? cadenceChart(cadence, theme, chartedKinds, range) : null),
    [cadence, chartedKinds, theme, range],
  );
  const purposeSpec = useMemo(() => (purposes ? purposeChart(purposes, theme) : null), [purposes, theme]);
  const agendaSpec = useMemo(() => (agenda ? agendaChart(agenda, theme) : null), [agenda, theme]);

  const empty = reference !== null && reference.partnerships.length === 0;
  const complete = empty || (reference !== null && pulses !== null && meetings !== null && !model.loading.value);
  // Every chart draws in its own effect; this one runs in the same pass, so a task later all are drawn.
  useEffect(() => {
    if (!complete) return;
    const timer = setTimeout(() => {
      performance.mark('pp-drawn');
      markReady();
    }, 0);
    return () => clearTimeout(timer);
  }, [complete, dimensionSpecs, typeSpec, gapSpecs, rateSpec, attendanceSpec, cadenceSpec, purposeSpec, agendaSpec]);

  if (reference === null) return <p class="page">{t('dashLoading')}</p>;
  if (empty) {
    return (
      <main>
        <WelcomeEmpty db={db} />
        <div class="dashboard">
          <YourData db={db} partnerships={[]} hasData={false} />
        </div>
      </main>
    );
  }

  const setFilters = model.setFilters;
  const attendedPartnership = attendancePartnership(chosen, filters.attendanceId);
  const fileSuffix = `${range.from}-${range.to}`;
  // Published results (a coordinator's imports) count as pulses here too.
  const noPulses =
    pulses !== null && pulses.length === 0 && model.published.value.length === 0 ? t('dashNoPulses') : null;
  const noMeetings = meetings !== null && !meetings.some((m) => m.status === 'held') ? t('dashNoMeetings') : null;
  const waiting = t('dashLoading');

  return (
    <main class="dashboard">
      <header class="dashboard-header">
        <h1>{t('dashTitle')}</h1>
        <p class="meta">
          {t('dashShowing', formatNumber(chosen.length), formatDate(range.fromMs), formatDate(range.toMs - 1))}
        </p>
        <nav class="dashboard-links">
          <a href="/options.html">{t('dashManageLink')}</a>
        </nav>
        {reference.partnerships.some((p) => p.demo) && <SampleDataBar db={db} />}
      </header>

      {/* Codes arrive by email, where the toolbar opens this page rather than the panel. */}
      <section class="add-codes" aria-labelledby="add-codes-heading">
        <h2 id="add-codes-heading">{t('dashAddCodesHeading')}</h2>
        <p class="hint">{t('dashAddCodesHint')}</p>
        <LazyPasteCodes db={db} />
      </section>

      <Filters partnerships={reference.partnerships} filters={filters} range={range} onChange={setFilters} />

      <section aria-labelledby="pulse-heading">
        <h2 id="pulse-heading">{t('dashPulseHeading')}</h2>
        <p class="hint">
          {filters.partnerType ? t('dashPulseHintType', partnerTypeLabel(filters.partnerType)) : t('dashPulseHint')}
        </p>
        <div class="chart-grid">
          {DIMENSIONS.map((dimension, index) => (
            <ChartCard
              key={dimension}
              id={`dimension-${dimension}`}
              title={dimensionLabel(dimension)}
              spec={dimensionSpecs?.[index] ?? null}
              table={dimensionViews?.[index]?.table ?? { columns: [], rows: [] }}
              empty={pulses === null ? waiting : noPulses}
              fileSuffix={fileSuffix}
              onDrawn={firstChartDrawn}
            />
          ))}
        </div>
      </section>

      <section aria-labelledby="type-heading">
        <h2 id="type-heading">{t('dashTypeHeading')}</h2>
        <ChartCard
          id="partner-types"
          title={t('dashTypeChart', dimensionLabel(filters.dimension))}
          spec={typeSpec}
          table={typeView?.table ?? { columns: [], rows: [] }}
          empty={pulses === null ? waiting : noPulses}
          fileSuffix={fileSuffix}
          onDrawn={firstChartDrawn}
        >
          <div class="filter-row">
            <SelectField
              id="type-dimension"
              label={t('dashDimension')}
              value={filters.dimension}
              options={DIMENSIONS.map((d: Dimension) => ({ value: d, label: dimensionLabel(d) }))}
              onChange={(value) => setFilters({ ...filters, dimension: value as Dimension })}
            />
            <SelectField
              id="type-period"
              label={t('dashPeriod')}
              value={filters.period}
              options={PERIOD_SIZES.map((size) => ({
                value: size,
                label: t(size === 'month' ? 'dashPeriodMonth' : 'dashPeriodQuarter'),
              }))}
              onChange={(value) => setFilters({ ...filters, period: value as typeof filters.period })}
            />
          </div>
          {typeView?.overallGap && (
            <p class="headline" data-gap={round2(typeView.overallGap.gap)}>
              {t(
                'dashGapHeadline',
                dimensionLabel(filters.dimension),
                partnerTypeLabel(typeView.overallGap.highest.partnerType),
                formatNumber(round2(typeView.overallGap.highest.mean)),
                partnerTypeLabel(typeView.overallGap.lowest.partnerType),
                formatNumber(round2(typeView.overallGap.lowest.mean)),
                formatNumber(round2(typeView.overallGap.gap)),
              )}
            </p>
          )}
          {typeView && typeView.otherSeriesPulses > 0 && (
            <p class="hint">{t('dashOtherSeries', formatNumber(typeView.otherSeriesPulses))}</p>
          )}
        </ChartCard>
      </section>

      <section aria-labelledby="gap-heading">
        <h2 id="gap-heading">{t('dashGapHeading')}</h2>
        <p class="hint">{t('dashGapHint', dimensionLabel(filters.dimension))}</p>
        {gaps === null || gaps.partnerships.length === 0 ? (
          <p class="chart-empty">{pulses === null ? waiting : t('dashNoPulses')}</p>
        ) : (
          <div class="chart-grid gap-grid">
            {gaps.partnerships.slice(0, MAX_GAP_CHARTS).map((view, index) => (
              <ChartCard
                key={view.partnershipId}
                id={`gap-${view.partnershipId}`}
                title={view.name}
                spec={gapSpecs?.[index] ?? null}
                table={view.table}
                fileSuffix={fileSuffix}
              >
                <p
                  class="headline"
                  data-trend={view.direction?.trend ?? 'none'}
                  data-change={view.direction?.change ?? ''}
                >
                  {view.headline}
                </p>
              </ChartCard>
            ))}
          </div>
        )}
        {gaps && gaps.partnerships.length > MAX_GAP_CHARTS && (
          <>
            <h3>{t('dashGapMoreHeading')}</h3>
            <ul class="gap-more">
              {gaps.partnerships.slice(MAX_GAP_CHARTS).map((view) => (
                <li key={view.partnershipId} data-trend={view.direction?.trend ?? 'none'}>
                  {view.name}: {view.headline}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section aria-labelledby="rates-heading">
        <h2 id="rates-heading">{t('dashRatesHeading')}</h2>
        <ChartCard
          id="response-rates"
          title={t('dashRatesChart')}
          spec={rateSpec}
          table={rateView?.table ?? { columns: [], rows: [] }}
          empty={pulses === null ? waiting : noPulses}
          fileSuffix={fileSuffix}
          onDrawn={firstChartDrawn}
        >
          <p class="hint">{t('dashRatesHint')}</p>
        </ChartCard>
      </section>

      <section aria-labelledby="attendance-heading">
        <h2 id="attendance-heading">{t('dashAttendanceHeading')}</h2>
        <ChartCard
          id="attendance"
          title={attendedPartnership ? t('dashAttendanceChartOf', attendedPartnership.name) : t('dashAttendanceChart')}
          spec={attendanceSpec}
          table={attendance?.table ?? { columns: [], rows: [] }}
          empty={meetings === null ? waiting : noMeetings}
          fileSuffix={fileSuffix}
        >
          <div class="filter-row">
            {chosen.length > 1 && (
              <SelectField
                id="attendance-partnership"
                label={t('dashAttendanceOf')}
                value={attendedPartnership?.id ?? ''}
                options={chosen.map((p) => ({ value: p.id, label: p.name }))}
                onChange={(value) => setFilters({ ...filters, attendanceId: value })}
              />
            )}
            <TextField
              id="drift-after"
              label={t('dashDriftAfter')}
              type="number"
              min={1}
              value={String(filters.driftAfter)}
              onInput={(value) => {
                const n = Number(value);
                if (Number.isInteger(n) && n >= 1 && n <= MAX_DRIFT_AFTER) setFilters({ ...filters, driftAfter: n });
              }}
            />
          </div>
          {attendance && attendance.drifting.length > 0 && (
            <div class="callout" role="note">
              <strong>{t('dashDriftingHeading')}</strong>
              <ul class="drifting">
                {attendance.drifting.map((row) => (
                  <li key={`${row.partnership}/${row.organisation}`}>
                    {chosen.length > 1
                      ? plural(
                          'dashDriftingItemIn',
                          row.missed,
                          row.organisation,
                          row.partnership,
                          formatNumber(row.missed),
                        )
                      : plural('dashDriftingItem', row.missed, row.organisation, formatNumber(row.missed))}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </ChartCard>
      </section>

      <section aria-labelledby="cadence-heading">
        <h2 id="cadence-heading">{t('dashCadenceHeading')}</h2>
        {cadence && <CadenceStatusTable status={cadence.status} asOf={context.asOf} />}
        <ChartCard
          id="cadence"
          title={t('dashCadenceChart')}
          spec={cadenceSpec}
          table={cadence?.table ?? { columns: [], rows: [] }}
          empty={meetings === null ? waiting : chartedKinds.length === 0 ? t('dashCadenceOtherKind') : noMeetings}
          fileSuffix={fileSuffix}
        >
          <p class="hint">{t('dashCadenceHint')}</p>
        </ChartCard>
      </section>

      <section aria-labelledby="purpose-heading">
        <h2 id="purpose-heading">{t('dashPurposeHeading')}</h2>
        <div class="chart-grid">
          <ChartCard
            id="purposes"
            title={t('dashPurposeChart')}
            spec={purposeSpec}
            table={purposes?.table ?? { columns: [], rows: [] }}
            empty={meetings === null ? waiting : noMeetings}
            fileSuffix={fileSuffix}
          >
            {purposes && purposes.held > 0 && (
              <p class="headline">
                {plural(
                  'dashWithPurpose',
                  purposes.held,
                  formatNumber(purposes.withPurpose),
                  formatNumber(purposes.held),
                )}
              </p>
            )}
          </ChartCard>
          <ChartCard
            id="agenda"
            title={t('dashAgendaChart')}
            spec={agendaSpec}
            table={agenda?.table ?? { columns: [], rows: [] }}
            empty={meetings === null ? waiting : noMeetings}
            fileSuffix={fileSuffix}
          />
        </div>
      </section>

      <ReviewLink partnerships={chosen} thisYear={Number(range.to.slice(0, 4))} />

      <YourData db={db} partnerships={reference.partnerships} hasData />
    </main>
  );
}

function CadenceStatusTable(props: { status: CadenceView['status']; asOf: number }) {
  const overdue = props.status.filter((s) => s.state === 'overdue');
  return (
    <div class="cadence-status">
      {overdue.length > 0 && (
        <ul class="warnings" aria-label={t('dashOverdueHeading')}>
          {overdue.map((s) => (
            <li key={`${s.partnershipId}/${s.kind}`} class="warning">
              {s.since === 'meeting'
                ? t(
                    'dashOverdue',
                    s.partnership,
                    cadenceKindLabel(s.kind),
                    counted('countDays', s.daysSince),
                    counted('countDays', s.targetDays),
                  )
                : t(
                    'dashOverdueNever',
                    s.partnership,
                    cadenceKindLabel(s.kind),
                    counted('countDays', s.daysSince),
                    counted('countDays', s.targetDays),
                  )}
            </li>
          ))}
        </ul>
      )}
      <div class="table-wrap">
        <table>
          <caption>{t('dashCadenceStatusCaption', formatDate(props.asOf))}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dashColPartnership')}</th>
              <th scope="col">{t('dashColKind')}</th>
              <th scope="col">{t('dashColDaysSinceLast')}</th>
              <th scope="col">{t('dashColTarget')}</th>
              <th scope="col">{t('dashColStatus')}</th>
            </tr>
          </thead>
          <tbody>
            {props.status.map((s) => (
              <tr key={`${s.partnershipId}/${s.kind}`} class={`state-${s.state}`}>
                <th scope="row">{s.partnership}</th>
                <td>{cadenceKindLabel(s.kind)}</td>
                <td class="number">
                  {s.since === 'meeting' ? formatNumber(s.daysSince) : t('dashSinceStart', formatNumber(s.daysSince))}
                </td>
                <td class="number">{formatNumber(s.targetDays)}</td>
                <td>
                  {t(s.state === 'overdue' ? 'dashStateOverdue' : s.state === 'due' ? 'dashStateDue' : 'dashStateOk')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
