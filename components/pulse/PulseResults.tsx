import { Fragment, type Ref } from 'preact';
import { useState } from 'preact/hooks';
import { PARTNER_TYPES, type Organisation, type Pulse, type PulseResponse } from '../../utils/db/records';
import { aggregatePulse, type GroupResult, type QuestionResults } from '../../utils/pulse/aggregate';
import { formatNumber } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/messages';
import { dimensionLabel, partnerTypeLabel } from '../../utils/i18n/labels';
import { SelectField } from '../shared/fields';
import { counted, plural } from '../../utils/i18n/plural';

/**
 * The pulse's results, with the anonymity threshold applied by utils/pulse/aggregate.ts: a
 * group below it shows "fewer than N responses" and no value. The organisation filter only
 * picks groups that were checked there. First one line with the four means, then each
 * question's groups and distribution.
 */
export function PulseResults(props: {
  pulse: Pulse;
  responses: PulseResponse[];
  organisations: Organisation[];
  /** Where the focus goes once the pulse is closed from the panel. */
  headingRef?: Ref<HTMLHeadingElement>;
  /** Answered through the shared link (no personal-link seats): its answers are not verified. */
  sharedLink: boolean;
}) {
  const { pulse, responses, organisations, headingRef, sharedLink } = props;
  const [organisationId, setOrganisationId] = useState('');
  const results = aggregatePulse(pulse, responses);
  const name = (id: string) => organisations.find((o) => o.id === id)?.name ?? id;
  const base = `results-${pulse.id}`;

  return (
    <section class="pulse-results" aria-labelledby={`${base}-heading`}>
      <h3 id={`${base}-heading`} tabIndex={-1} ref={headingRef}>
        {t('resultsHeading')}
      </h3>
      <MeansLine questions={results.questions} />
      {sharedLink && <p class="shared-link-badge">{t('sharedLinkBadge')}</p>}
      <p class="response-rate">
        {results.responseRate === null
          ? t('resultsRateNone', formatNumber(results.responses))
          : t(
              'resultsRate',
              formatNumber(results.responseRate, { style: 'percent' }),
              counted('countResponses', results.responses),
              counted('countInvitedOrganisations', results.invited),
            )}
      </p>
      <p class="hint">{plural('resultsThreshold', results.threshold, formatNumber(results.threshold))}</p>
      {results.unverified > 0 && (
        <p class="hint results-unverified">
          {plural('resultsUnverified', results.unverified, formatNumber(results.unverified))}
        </p>
      )}
      {pulse.invitedOrganisationIds.length > 0 && (
        <SelectField
          id={`${base}-organisation`}
          label={t('resultsOrganisation')}
          value={organisationId}
          options={[
            { value: '', label: t('resultsAllOrganisations') },
            ...pulse.invitedOrganisationIds.map((id) => ({ value: id, label: name(id) })),
          ]}
          onChange={setOrganisationId}
        />
      )}
      {results.questions.map((question) => (
        <QuestionResult
          key={question.question.id}
          base={base}
          results={question}
          organisationId={organisationId}
          threshold={results.threshold}
        />
      ))}
      {results.textAnswers.map(({ question, answers }) => (
        <TextList
          key={question.id}
          id={`${base}-${question.id}`}
          heading={question.wording}
          texts={answers}
          threshold={results.threshold}
        />
      ))}
      <TextList
        id={`${base}-comments`}
        heading={t('commentsHeading')}
        texts={results.comments}
        threshold={results.threshold}
      />
    </section>
  );
}

/** The four dimensions' overall means on one line (each one held back below the threshold). */
function MeansLine(props: { questions: QuestionResults[] }) {
  const means = props.questions.flatMap(({ question, overall }) =>
    question.dimension ? [{ dimension: question.dimension, overall }] : [],
  );
  if (means.length === 0) return null;
  return (
    <p class="means-line">
      {means.map(({ dimension, overall }, index) => (
        // The separator stays outside the unbreakable mean, so a narrow panel wraps the line there.
        <Fragment key={dimension}>
          {index > 0 && ' · '}
          <span class="mean" data-dimension={dimension}>
            <span class="mean-label">{dimensionLabel(dimension)}</span>{' '}
            {overall.hidden ? (
              <span class="hidden-group">{t('resultsMeanHidden')}</span>
            ) : (
              <strong>{formatNumber(overall.mean, { maximumFractionDigits: 1, minimumFractionDigits: 1 })}</strong>
            )}
          </span>
        </Fragment>
      ))}
    </p>
  );
}

function QuestionResult(props: { base: string; results: QuestionResults; organisationId: string; threshold: number }) {
  const { base, results, organisationId, threshold } = props;
  const { question } = results;
  const id = `${base}-${question.id}`;
  const rows: Array<{ label: string; result: GroupResult }> = organisationId
    ? results.byOrganisation
        .filter((cell) => cell.organisationId === organisationId && !cell.result.hidden)
        .map((cell) => ({ label: partnerTypeLabel(cell.partnerType), result: cell.result }))
    : PARTNER_TYPES.map((type) => ({ label: partnerTypeLabel(type), result: results.byPartnerType[type] }));

  return (
    <article class="question-result" aria-labelledby={`${id}-heading`} data-question={question.id}>
      <h4 id={`${id}-heading`}>{question.dimension ? dimensionLabel(question.dimension) : question.wording}</h4>
      {question.dimension && <p class="hint">{question.wording}</p>}
      <dl class="group-results">
        <div class="group" data-group="all">
          <dt>{t('resultsAll')}</dt>
          <dd>
            <Group result={results.overall} />
          </dd>
        </div>
        {rows.map((row) => (
          <div class="group" data-group={row.label} key={row.label}>
            <dt>{row.label}</dt>
            <dd>
              <Group result={row.result} />
            </dd>
          </div>
        ))}
      </dl>
      {organisationId && rows.length === 0 && (
        <p class="hint">{plural('resultsNoneForOrganisation', threshold, formatNumber(threshold))}</p>
      )}
      {!results.overall.hidden && !organisationId && (
        <Distribution result={results.overall} caption={question.wording} />
      )}
    </article>
  );
}

function Group(props: { result: GroupResult }) {
  const { result } = props;
  if (result.hidden) {
    return (
      <span class="hidden-group">
        {result.reason === 'below-threshold'
          ? plural('fewerThanN', result.threshold, formatNumber(result.threshold))
          : t('hiddenToProtect')}
      </span>
    );
  }
  return (
    <span class="shown-group">
      {plural(
        'resultsMean',
        result.n,
        formatNumber(result.mean, { maximumFractionDigits: 1, minimumFractionDigits: 1 }),
        formatNumber(result.n),
      )}
      {result.preferNotToSay > 0 && ` · ${t('resultsPreferNotToSay', formatNumber(result.preferNotToSay))}`}
    </span>
  );
}

function Distribution(props: { result: Extract<GroupResult, { hidden: false }>; caption: string }) {
  const { result, caption } = props;
  const most = Math.max(1, ...result.distribution.map((d) => d.count));
  return (
    <table class="distribution">
      <caption class="visually-hidden">{t('resultsDistribution', caption)}</caption>
      <thead class="visually-hidden">
        <tr>
          <th scope="col">{t('resultsValue')}</th>
          <th scope="col">{t('resultsCount')}</th>
        </tr>
      </thead>
      <tbody>
        {result.distribution.map(({ value, count }) => (
          <tr key={value}>
            <th scope="row">{formatNumber(value)}</th>
            <td>
              <span class="bar" style={{ width: `${(count / most) * 100}%` }} />
              <span class="count">{formatNumber(count)}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TextList(props: { id: string; heading: string; texts: string[] | null; threshold: number }) {
  const { id, heading, texts, threshold } = props;
  return (
    <section class="text-answers" aria-labelledby={`${id}-heading`}>
      <h4 id={`${id}-heading`}>{heading}</h4>
      {texts === null ? (
        <p class="hint">{plural('commentsHeld', threshold, formatNumber(threshold))}</p>
      ) : texts.length === 0 ? (
        <p class="hint">{t('commentsNone')}</p>
      ) : (
        <ul>
          {texts.map((text, index) => (
            // A partner's text sets its own direction and cannot turn the list's (a bidi override stays inside it).
            <li key={index} dir="auto">
              {text}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
