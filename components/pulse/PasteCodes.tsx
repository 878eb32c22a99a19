import { useState } from 'preact/hooks';
import type { PulseDatabase } from '../../utils/db/schema';
import {
  collectCodes,
  MAX_CODES_AT_ONCE,
  summariseOutcomes,
  TooManyCodesError,
  type OutcomeLine,
} from '../../utils/pulse/collect';
import { formatNumber } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/messages';
import { TextField } from '../shared/fields';
import { shortCode } from './labels';
import { outcomeLabel } from '../../utils/i18n/labels';
import { pasteDraftKey } from '../../utils/pulse/paste-draft';
import type { DraftModel } from '../../utils/models/draft';
import { useDraft } from '../shared/hooks/useDraft';
import { plural } from '../../utils/i18n/plural';

type PasteResult = { kind: 'lines'; lines: OutcomeLine[] } | { kind: 'too-many'; found: number };

/**
 * A box for any text holding response codes, and what happened to them: one line per outcome
 * with its count and a few examples, never a line per code (a paste may hold 2,000). Past
 * MAX_CODES_AT_ONCE different codes, nothing is added and the box says so. With a pulse, for that
 * pulse's codes (the panel); without, each code goes to its own pulse (the dashboard).
 */
export function PasteCodes(props: { db: PulseDatabase; pulseId?: string }) {
  // What is pasted but not added yet survives closing the panel (a draft per pulse, or 'paste:any').
  const draft = useDraft<string>(props.db, pasteDraftKey(props.pulseId), () => '');
  return draft && <PasteCodesForm {...props} draft={draft} />;
}

function PasteCodesForm(props: { db: PulseDatabase; pulseId?: string; draft: DraftModel<string> }) {
  const { db, pulseId, draft } = props;
  const text = draft.values.value;
  const setText = (value: string) => draft.update(() => value);
  const [result, setResult] = useState<PasteResult | null>(null);
  const [busy, setBusy] = useState(false);

  const add = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      const reports = await collectCodes(db, text, { pulseId });
      setResult({ kind: 'lines', lines: summariseOutcomes(reports) });
      if (reports.length > 0) {
        setText('');
        await draft.discardDraft();
      }
    } catch (error) {
      if (!(error instanceof TooManyCodesError)) throw error;
      setResult({ kind: 'too-many', found: error.found });
    } finally {
      setBusy(false);
    }
  };

  const id = `paste-codes-${pulseId ?? 'any'}`;
  return (
    <form class="paste-codes" onSubmit={(e) => void add(e)}>
      {draft.restoredFromDraft.value && !result && (
        <p class="status" role="status">
          {t('draftRestored')}
        </p>
      )}
      <TextField
        id={id}
        label={t('pasteCodesLabel')}
        hint={t('pasteCodesHint')}
        multiline
        value={text}
        onInput={setText}
      />
      {/* Not `disabled`: a focused button that is disabled drops the focus to the top of the page. */}
      <button type="submit" aria-disabled={busy || undefined}>
        {t('addCodes')}
      </button>
      {result && (
        <div role="status">
          {result.kind === 'too-many' ? (
            <p class="notice paste-too-many">
              {plural('pasteTooMany', result.found, formatNumber(result.found), formatNumber(MAX_CODES_AT_ONCE))}
            </p>
          ) : result.lines.length === 0 ? (
            <p class="notice">{t('pasteNoCodes')}</p>
          ) : (
            <>
              <h4 class="visually-hidden">{t('pasteReportHeading')}</h4>
              <ul class="code-report">
                {result.lines.map((line) => (
                  <li
                    key={line.outcome}
                    class={`outcome-${line.outcome}`}
                    data-outcome={line.outcome}
                    data-count={line.count}
                  >
                    <span>{t('pasteSummaryLine', formatNumber(line.count), outcomeLabel(line.outcome))}</span>
                    {line.outcome !== 'added' && line.examples.length > 0 && (
                      <span class="hint">
                        {' – '}
                        {t('pasteSummaryExamples', line.examples.map(shortCode).join(', '))}
                        {line.count > line.examples.length &&
                          ` ${t('pasteSummaryMore', formatNumber(line.count - line.examples.length))}`}
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </form>
  );
}
