import { useState } from 'preact/hooks';
import type { PulseDatabase } from '../../utils/db/schema';
import { collectCodes, type CodeReport } from '../../utils/pulse/collect';
import { t } from '../../utils/i18n/messages';
import { TextField } from '../shared/fields';
import { shortCode } from './labels';
import { outcomeLabel } from '../../utils/i18n/labels';

/**
 * A box for any text holding response codes, and what happened to each code. With a pulse, for
 * that pulse's codes (the panel); without, each code goes to its own pulse (the dashboard).
 */
export function PasteCodes(props: { db: PulseDatabase; pulseId?: string }) {
  const { db, pulseId } = props;
  const [text, setText] = useState('');
  const [reports, setReports] = useState<CodeReport[] | null>(null);
  const [busy, setBusy] = useState(false);

  const add = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      const result = await collectCodes(db, text, { pulseId });
      setReports(result);
      if (result.length > 0) setText('');
    } finally {
      setBusy(false);
    }
  };

  const id = `paste-codes-${pulseId ?? 'any'}`;
  return (
    <form class="paste-codes" onSubmit={(e) => void add(e)}>
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
      {reports && (
        <div role="status">
          {reports.length === 0 ? (
            <p class="notice">{t('pasteNoCodes')}</p>
          ) : (
            <>
              <h4 class="visually-hidden">{t('pasteReportHeading')}</h4>
              <ol class="code-report">
                {reports.map((report, index) => (
                  <li key={index} class={`outcome-${report.outcome}`} data-outcome={report.outcome}>
                    <code>{shortCode(report.code)}</code> <span>{outcomeLabel(report.outcome)}</span>
                  </li>
                ))}
              </ol>
            </>
          )}
        </div>
      )}
    </form>
  );
}
