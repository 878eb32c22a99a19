import { useRef, useState } from 'preact/hooks';
import { DIMENSIONS, type Answer, type Membership, type Organisation } from '../../utils/db/records';
import type { PulseDatabase } from '../../utils/db/schema';
import { addQuickRound } from '../../utils/pulse/collect';
import {
  cellKeyAction,
  quickRoundDraftKey,
  quickRoundEntries,
  type CellPosition,
  type QuickRoundCells,
} from '../../utils/pulse/quick-round';
import { formatNumber } from '../../utils/i18n/format';
import { t, type MessageKey } from '../../utils/i18n/messages';
import { useDraft } from '../shared/hooks/useDraft';
import { dimensionLabel, dimensionShortLabel } from '../../utils/i18n/labels';
import { plural, type PluralKey } from '../../utils/i18n/plural';

/**
 * The lead types each organisation's scores as they are said aloud: 1–5, or 0 for "prefer not
 * to say", and the cursor moves to the next cell. Saved as responses entered by the lead.
 */
export function QuickRound(props: {
  db: PulseDatabase;
  pulseId: string;
  organisations: Organisation[];
  memberships: Membership[];
  /** A personal-link pulse: the quick round has no seat token, so its answers are not verified. */
  personalLinks?: boolean;
}) {
  const { db, pulseId, organisations, memberships } = props;
  // Scores typed but not saved yet survive closing the panel.
  const draft = useDraft<QuickRoundCells>(db, quickRoundDraftKey(pulseId), () => ({}));
  const cells = draft?.values.value ?? {};
  const setCells = (change: (current: QuickRoundCells) => QuickRoundCells) => draft?.update(change);
  // A counted outcome (a plural message), or a plain one.
  const [status, setStatus] = useState<
    { key: PluralKey; count: number } | { key: MessageKey; count?: undefined } | null
  >(null);
  const saveButton = useRef<HTMLButtonElement>(null);
  const size = { rows: organisations.length, columns: DIMENSIONS.length };
  const cellId = (at: CellPosition) => `qr-${pulseId}-${at.row}-${at.column}`;
  const focusCell = (at: CellPosition) => (document.getElementById(cellId(at)) as HTMLInputElement | null)?.focus();

  const setCell = (at: CellPosition, value: number | null | undefined) => {
    const organisationId = organisations[at.row]!.id;
    const dimension = DIMENSIONS[at.column]!;
    setCells((current) => {
      const row = { ...current[organisationId] };
      if (value === undefined) delete row[dimension];
      else row[dimension] = value;
      return { ...current, [organisationId]: row };
    });
    setStatus(null);
  };

  const onKeyDown = (event: KeyboardEvent, at: CellPosition) => {
    const action = cellKeyAction(event.key, at, size, event.ctrlKey || event.metaKey || event.altKey);
    if (action.kind === 'default') return;
    event.preventDefault();
    if (action.kind === 'set') {
      setCell(at, action.value);
      if (action.next === 'end') saveButton.current?.focus();
      else focusCell(action.next);
    } else if (action.kind === 'clear') {
      setCell(at, undefined);
    } else if (action.kind === 'move') {
      focusCell(action.to);
    }
  };

  // Typing without a key event (a phone keyboard, dictation): keep the last score character.
  const onInput = (event: Event, at: CellPosition) => {
    const input = event.currentTarget as HTMLInputElement;
    const digit = [...input.value].reverse().find((c) => /[0-5]/.test(c));
    setCell(at, digit === undefined ? undefined : digit === '0' ? null : Number(digit));
    input.value = display(digit === undefined ? undefined : digit === '0' ? null : Number(digit));
  };

  const save = async () => {
    const entries = quickRoundEntries(
      cells,
      organisations.map((o) => o.id),
      memberships,
    );
    if (entries.length === 0) {
      setStatus({ key: 'quickRoundNothing' });
      return;
    }
    const outcomes = await addQuickRound(db, pulseId, entries);
    setCells(() => ({}));
    await draft?.discardDraft();
    const held = outcomes.filter((o) => o === 'held').length;
    const overCap = outcomes.filter((o) => o === 'over-cap').length;
    setStatus(
      overCap > 0
        ? { key: 'quickRoundOverCap', count: overCap }
        : held > 0
          ? { key: 'quickRoundHeld', count: held }
          : { key: 'quickRoundSaved', count: outcomes.filter((o) => o === 'added').length },
    );
  };

  if (organisations.length === 0) return <p class="hint">{t('quickRoundNoOrganisations')}</p>;
  const headerId = (suffix: string) => `qr-${pulseId}-${suffix}`;
  return (
    <section class="quick-round" aria-labelledby={headerId('heading')}>
      <h3 id={headerId('heading')}>{t('quickRoundHeading')}</h3>
      <p class="hint" id={headerId('hint')}>
        {t('quickRoundHint')}
      </p>
      {props.personalLinks && <p class="hint quick-round-unverified">{t('quickRoundUnverified')}</p>}
      <div class="grid-scroll">
        <table class="quick-round-grid" aria-labelledby={headerId('heading')} aria-describedby={headerId('hint')}>
          <thead>
            <tr>
              <th scope="col">{t('quickRoundOrganisation')}</th>
              {DIMENSIONS.map((dimension) => (
                // A short heading keeps the grid within 320 px; the cells are named by the full one.
                <th scope="col" key={dimension}>
                  <span aria-hidden="true">{dimensionShortLabel(dimension)}</span>
                  <span class="visually-hidden" id={headerId(`col-${dimension}`)}>
                    {dimensionLabel(dimension)}
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {organisations.map((organisation, row) => (
              <tr key={organisation.id}>
                <th scope="row" id={headerId(`row-${row}`)}>
                  {organisation.name}
                </th>
                {DIMENSIONS.map((dimension, column) => (
                  <td key={dimension}>
                    <input
                      id={cellId({ row, column })}
                      class="score-cell"
                      type="text"
                      inputMode="numeric"
                      autoComplete="off"
                      maxLength={1}
                      aria-labelledby={`${headerId(`col-${dimension}`)} ${headerId(`row-${row}`)}`}
                      value={display(cells[organisation.id]?.[dimension])}
                      onKeyDown={(event) => onKeyDown(event, { row, column })}
                      onInput={(event) => onInput(event, { row, column })}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="hint">{t('preferNotToSayShort')}</p>
      <button type="button" ref={saveButton} onClick={() => void save()}>
        {t('quickRoundSave')}
      </button>
      {status && (
        <p class="status" role="status">
          {status.count === undefined ? t(status.key) : plural(status.key, status.count, formatNumber(status.count))}
        </p>
      )}
    </section>
  );
}

function display(value: Answer | undefined): string {
  return value === undefined ? '' : value === null ? '0' : String(value);
}
