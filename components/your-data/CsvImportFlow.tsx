import { useEffect, useMemo } from 'preact/hooks';
import { browser } from '#imports';
import { previewRecords, type ImportPreview } from '../../utils/your-data/bundle/client';
import { describeProblem, type Problem } from '../../utils/your-data/bundle/problems';
import type { ColumnMapping } from '../../utils/your-data/csv-import/mapping';
import { nameKey, scaleLabelKey, type ImportRow, type NamedRef } from '../../utils/your-data/csv-import/records';
import { IMPORT_SCALES, type DateOrder, type ImportScale } from '../../utils/your-data/csv-import/values';
import { DIMENSIONS, type Answer, type Dimension } from '../../utils/db/records';
import type { PulseDatabase } from '../../utils/db/schema';
import { formatDateTime, formatNumber } from '../../utils/i18n/format';
import { dimensionLabel, partnerTypeLabel } from '../../utils/i18n/labels';
import { t } from '../../utils/i18n/messages';
import { CsvImportModel } from '../../utils/your-data/csv-import/model';
import { SelectField, TextField } from '../shared/fields';
import './csv.css';
import { counted, plural } from '../../utils/i18n/plural';

const PREVIEW_ROWS = 10;

function uiLocale(): string {
  try {
    return browser.i18n.getUILanguage() || navigator.language;
  } catch {
    return navigator.language;
  }
}

/**
 * A chosen CSV file of an earlier survey: map its columns, see the first rows as they will be
 * imported and the problems found, then continue to the same preview as a bundle import.
 */
export function CsvImportFlow(props: {
  db: PulseDatabase;
  file: File;
  onCancel(): void;
  onPreview(preview: ImportPreview): void;
}) {
  const { db, file, onCancel, onPreview } = props;
  const model = useMemo(() => new CsvImportModel({ db, file, locale: uiLocale(), previewRecords }), [db, file]);
  useEffect(() => {
    void model.start();
    return () => model[Symbol.dispose]();
  }, [model]);

  const state = model.state.value;
  if (state.step === 'reading') {
    return (
      <p class="csv-import" role="status">
        {t('csvImport_reading', file.name)}
      </p>
    );
  }
  if (state.step === 'rejected') {
    return (
      <div class="csv-import" role="alert">
        <p>{t('csvImport_rejected', file.name)}</p>
        <ProblemList problems={state.problems} />
        <button type="button" onClick={onCancel}>
          {t('csvImport_cancel')}
        </button>
      </div>
    );
  }
  return <MappingStep model={model} fileName={file.name} onCancel={onCancel} onPreview={onPreview} />;
}

function MappingStep(props: {
  model: CsvImportModel<ImportPreview>;
  fileName: string;
  onCancel(): void;
  onPreview(preview: ImportPreview): void;
}) {
  const { model, fileName, onCancel, onPreview } = props;
  const read = model.read.value!;
  const mapping = model.mapping.value!;
  const build = model.build.value!;
  const state = model.state.value;
  const checking = state.step === 'checking';
  const problems = [...read.problems.problems, ...build.problems.problems];
  const problemCount = read.problems.count + build.problems.count;
  const canContinue = build.mappingErrors.length === 0 && build.rows.length > 0 && !checking;
  const created = [...build.records.partnerships.map((p) => p.name), ...build.records.organisations.map((o) => o.name)];

  return (
    <form
      class="csv-import"
      aria-busy={checking}
      onSubmit={(event) => {
        event.preventDefault();
        void model.submit().then((preview) => preview && onPreview(preview));
      }}
    >
      <h3>{t('csvImport_heading', fileName)}</h3>
      <p class="hint">{t('csvImport_intro')}</p>
      {read.encoding === 'windows-1252' && read.notUtf8At && (
        <p class="notice" role="note">
          {t('csvImport_readAs1252', formatNumber(read.notUtf8At.byte), formatNumber(read.notUtf8At.line))}
        </p>
      )}
      {read.encoding.startsWith('utf-16') && <p class="hint">{t('csvImport_readAsUtf16')}</p>}

      <MappingForm model={model} columns={read.table.columns} mapping={mapping} />

      {build.mappingErrors.length > 0 && (
        <div class="csv-mapping-errors" role="alert">
          <h4>{t('csvImport_mappingHeading')}</h4>
          <ul>
            {build.mappingErrors.map((key) => (
              <li key={key}>{t(key)}</li>
            ))}
          </ul>
        </div>
      )}
      {build.mappingErrors.length === 0 && (
        <>
          <PreviewTable rows={build.rows} />
          <p role="status">
            {build.rows.length > 0
              ? t(
                  'csvImport_summary',
                  counted('countRows', build.rows.length),
                  counted('countPulses', build.records.pulses.length),
                )
              : t('csvImport_nothingToImport')}
          </p>
          {created.length > 0 && <p>{t('csvImport_creates', created.join(', '))}</p>}
        </>
      )}
      {problemCount > 0 && (
        <div class="csv-problems">
          <h4>{t('csvImport_problemsHeading', formatNumber(problemCount))}</h4>
          <ProblemList problems={problems} />
        </div>
      )}
      {state.step === 'failed' && (
        <div role="alert">
          <p>{t('csvImport_refused', fileName)}</p>
          <ProblemList problems={state.problems} />
        </div>
      )}
      <div class="actions">
        <button type="submit" disabled={!canContinue}>
          {checking ? t('csvImport_checking') : t('csvImport_continue')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('csvImport_cancel')}
        </button>
      </div>
    </form>
  );
}

function ProblemList(props: { problems: Problem[] }) {
  return (
    <ul class="problems">
      {props.problems.map((problem, index) => (
        <li key={index}>{describeProblem(problem)}</li>
      ))}
    </ul>
  );
}

function MappingForm(props: { model: CsvImportModel<ImportPreview>; columns: string[]; mapping: ColumnMapping }) {
  const { model, columns, mapping } = props;
  const partnerships = model.context.value?.partnerships ?? [];
  const set = (change: Partial<ColumnMapping>) => model.setMapping({ ...mapping, ...change });
  const columnOptions = [
    { value: '', label: t('csvImport_noColumn') },
    ...columns.map((name, index) => ({ value: String(index), label: name || `#${index + 1}` })),
  ];
  // A native select cuts a long column name and cannot wrap it: the chosen one is shown whole under it.
  const whole = (column: number | null) =>
    column === null || !columns[column]
      ? undefined
      : t('csvImport_chosenColumn', formatNumber(column + 1), columns[column]);
  const toColumn = (value: string) => (value === '' ? null : Number(value));
  const fromColumn = (column: number | null) => (column === null ? '' : String(column));

  const fixedPartnership =
    'name' in mapping.partnership
      ? partnerships.find((p) => nameKey(p.name) === nameKey((mapping.partnership as { name: string }).name))
      : undefined;
  const partnershipValue =
    'column' in mapping.partnership
      ? `col:${mapping.partnership.column}`
      : fixedPartnership
        ? `id:${fixedPartnership.id}`
        : 'new';
  const partnershipOptions = [
    ...columns.map((name, index) => ({ value: `col:${index}`, label: t('csvImport_partnershipColumn', name) })),
    ...partnerships.map((p) => ({ value: `id:${p.id}`, label: t('csvImport_partnershipFixed', p.name) })),
    { value: 'new', label: t('csvImport_partnershipNew') },
  ];

  return (
    <fieldset class="csv-mapping">
      <legend>{t('csvImport_columns')}</legend>
      <SelectField
        id="csv-date"
        label={t('csvImport_dateColumn')}
        value={fromColumn(mapping.date)}
        hint={whole(mapping.date)}
        options={columnOptions}
        onChange={(value) => set({ date: toColumn(value) })}
      />
      <SelectField
        id="csv-date-order"
        label={t('csvImport_dateOrder')}
        value={mapping.dateOrder}
        options={(['dmy', 'mdy'] as const).map((order) => ({ value: order, label: t(`csvImport_dateOrder_${order}`) }))}
        onChange={(value) => set({ dateOrder: value as DateOrder })}
      />
      <SelectField
        id="csv-partnership"
        label={t('csvImport_partnership')}
        value={partnershipValue}
        hint={'column' in mapping.partnership ? whole(mapping.partnership.column) : undefined}
        options={partnershipOptions}
        onChange={(value) => {
          if (value.startsWith('col:')) set({ partnership: { column: Number(value.slice(4)) } });
          else if (value.startsWith('id:')) {
            set({ partnership: { name: partnerships.find((p) => p.id === value.slice(3))?.name ?? '' } });
          } else set({ partnership: { name: '' } });
        }}
      />
      {partnershipValue === 'new' && (
        <TextField
          id="csv-partnership-name"
          label={t('csvImport_partnershipName')}
          value={'name' in mapping.partnership ? mapping.partnership.name : ''}
          onInput={(name) => set({ partnership: { name } })}
        />
      )}
      <SelectField
        id="csv-partner-type"
        label={t('csvImport_partnerType')}
        value={fromColumn(mapping.partnerType)}
        hint={whole(mapping.partnerType)}
        options={[{ value: '', label: t('csvImport_partnerTypeFromMembership') }, ...columnOptions.slice(1)]}
        onChange={(value) => set({ partnerType: toColumn(value) })}
      />
      <SelectField
        id="csv-organisation"
        label={t('csvImport_organisation')}
        value={fromColumn(mapping.organisation)}
        hint={whole(mapping.organisation)}
        options={columnOptions}
        onChange={(value) => set({ organisation: toColumn(value) })}
      />
      {DIMENSIONS.map((dimension) => {
        const current = mapping.dimensions[dimension];
        const setDimension = (change: Partial<ColumnMapping['dimensions'][Dimension]>) =>
          set({ dimensions: { ...mapping.dimensions, [dimension]: { ...current, ...change } } });
        const name = dimensionLabel(dimension);
        return (
          <div class="csv-dimension" key={dimension}>
            <SelectField
              id={`csv-${dimension}`}
              label={t('csvImport_dimensionColumn', name)}
              value={fromColumn(current.column)}
              hint={whole(current.column)}
              options={columnOptions}
              onChange={(value) => setDimension({ column: toColumn(value) })}
            />
            <SelectField
              id={`csv-${dimension}-scale`}
              label={t('csvImport_dimensionScale', name)}
              value={current.scale}
              options={IMPORT_SCALES.map((scale) => ({ value: scale, label: t(scaleLabelKey(scale)) }))}
              onChange={(value) => setDimension({ scale: value as ImportScale })}
            />
          </div>
        );
      })}
      <p class="hint">{t('csvImport_scaleHint')}</p>
      <SelectField
        id="csv-comment"
        label={t('csvImport_comment')}
        value={fromColumn(mapping.comment)}
        hint={whole(mapping.comment)}
        options={columnOptions}
        onChange={(value) => set({ comment: toColumn(value) })}
      />
    </fieldset>
  );
}

function PreviewTable(props: { rows: ImportRow[] }) {
  const shown = props.rows.slice(0, PREVIEW_ROWS);
  if (shown.length === 0) return null;
  const named = (ref: NamedRef | undefined) =>
    ref ? (ref.isNew ? t('csvImport_willBeCreated', ref.name) : ref.name) : '';
  const answer = (value: Answer | undefined) =>
    value === undefined ? t('csvImport_notAnswered') : value === null ? t('csvPreferNotToSay') : String(value);
  return (
    <div class="csv-preview">
      <table>
        <caption>
          {plural(
            'csvImport_previewCaption',
            props.rows.length,
            formatNumber(shown.length),
            formatNumber(props.rows.length),
          )}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('csvImport_colRow')}</th>
            <th scope="col">{t('csvCol_date')}</th>
            <th scope="col">{t('csvCol_partnership')}</th>
            <th scope="col">{t('csvCol_partnerType')}</th>
            <th scope="col">{t('csvCol_organisation')}</th>
            {DIMENSIONS.map((dimension) => (
              <th scope="col" key={dimension}>
                {dimensionLabel(dimension)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr key={row.row}>
              <th scope="row">{formatNumber(row.row)}</th>
              <td>{formatDateTime(row.at)}</td>
              <td>{named(row.partnership)}</td>
              <td>{partnerTypeLabel(row.partnerType)}</td>
              <td>{named(row.organisation)}</td>
              {DIMENSIONS.map((dimension) => (
                <td key={dimension}>{answer(row.answers[dimension])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
