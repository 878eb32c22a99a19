import { useState } from 'preact/hooks';
import type { PulseDatabase } from '../../utils/db/schema';
import { removeDemoData } from '../../utils/demo/load';
import { loadSampleData, SampleDataRefused } from '../../utils/demo/workspace';
import { t } from '../../utils/i18n/messages';

function useBusy(): [boolean, (action: () => Promise<unknown>) => void] {
  const [busy, setBusy] = useState(false);
  const run = (action: () => Promise<unknown>) => {
    setBusy(true);
    void action().finally(() => setBusy(false));
  };
  return [busy, run];
}

/** What a new user sees: what the dashboard is for, and the next step (or the sample data). */
export function WelcomeEmpty(props: { db: PulseDatabase }) {
  const [busy, run] = useBusy();
  const [refused, setRefused] = useState(false);
  const load = () =>
    loadSampleData(props.db, Date.now()).catch((error: unknown) => {
      if (!(error instanceof SampleDataRefused)) throw error;
      setRefused(true);
    });
  return (
    <div class="dashboard dashboard-empty">
      <h1>{t('dashTitle')}</h1>
      <section class="empty-state" aria-labelledby="welcome-heading">
        <h2 id="welcome-heading">{t('dashEmptyHeading')}</h2>
        <p>{t('dashEmptyIntro')}</p>
        <ol>
          <li>
            <a href="/options.html">{t('dashEmptyStepPartnership')}</a>
          </li>
          <li>{t('dashEmptyStepMeetings')}</li>
          <li>{t('dashEmptyStepPulses')}</li>
        </ol>
        <p>{t('dashEmptySample')}</p>
        <button type="button" class="primary" disabled={busy} onClick={() => run(load)}>
          {t('sampleLoad')}
        </button>
        {refused && (
          <p class="status" role="status">
            {t('sampleRefusedConnected')}
          </p>
        )}
      </section>
    </div>
  );
}

/** While the sample data is loaded: say so, with the way to remove exactly it. */
export function SampleDataBar(props: { db: PulseDatabase }) {
  const [busy, run] = useBusy();
  return (
    <div class="notice sample-bar" role="note">
      <span>{t('dashSampleLoaded')}</span>
      <button type="button" disabled={busy} onClick={() => run(() => removeDemoData(props.db))}>
        {t('sampleRemove')}
      </button>
    </div>
  );
}
