import { useState } from 'preact/hooks';
import type { PulseDatabase } from '../../utils/db/schema';
import { removeDemoData } from '../../utils/demo/load';
import { loadSampleData, SampleDataRefused } from '../../utils/demo/workspace';
import { t, type MessageKey } from '../../utils/i18n/messages';

/** Load the sample data set to look around, and remove exactly it again. */
export function SampleData(props: { db: PulseDatabase }) {
  const [status, setStatus] = useState<MessageKey | null>(null);
  const [busy, setBusy] = useState(false);
  // While one runs the buttons say so (aria-disabled) but stay focusable: a disabled button
  // would drop the keyboard focus to the top of the page.
  const run = async (action: () => Promise<unknown>, done: MessageKey) => {
    if (busy) return;
    setBusy(true);
    try {
      await action();
      setStatus(done);
    } catch (error) {
      if (!(error instanceof SampleDataRefused)) throw error;
      setStatus('sampleRefusedConnected');
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="sample-heading">
      <h2 id="sample-heading">{t('sampleHeading')}</h2>
      <p>{t('sampleExplanation')}</p>
      <div class="actions">
        <button
          type="button"
          aria-disabled={busy}
          onClick={() => void run(() => loadSampleData(props.db, Date.now()), 'sampleLoaded')}
        >
          {t('sampleLoad')}
        </button>
        <button
          type="button"
          aria-disabled={busy}
          onClick={() => void run(() => removeDemoData(props.db), 'sampleRemoved')}
        >
          {t('sampleRemove')}
        </button>
      </div>
      {status && (
        <p class="status" role="status">
          {t(status)}
        </p>
      )}
    </section>
  );
}
