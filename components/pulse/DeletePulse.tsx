import { useState } from 'preact/hooks';
import type { PulseDatabase } from '../../utils/db/schema';
import { pulseDraftKeys } from '../../utils/db/drafts';
import { deletePulse } from '../../utils/db/pulse-delete';
import { clearMirror } from '../../utils/models/draft-mirror';
import { formatNumber } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/messages';
import { plural } from '../../utils/i18n/plural';

/**
 * "Delete this pulse", open or closed, after a confirmation that says how many answers go with
 * it (the late queue's among them). The pulse becomes a tombstone, its answers and seats go,
 * and codes for it are refused from then on (utils/db/pulse-delete.ts). Its drafts go in the same
 * transaction, and their copies in this page's localStorage (utils/models/draft-mirror.ts) after it.
 */
async function deleteWithDrafts(db: PulseDatabase, pulseId: string): Promise<void> {
  await deletePulse(db, pulseId);
  for (const key of pulseDraftKeys(pulseId)) clearMirror(key);
}

export function DeletePulse(props: { db: PulseDatabase; pulseId: string; answers: number; held: number }) {
  const { db, pulseId, answers, held } = props;
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <p class="delete-pulse">
        <button type="button" class="link danger" onClick={() => setConfirming(true)}>
          {t('pulseDeleteButton')}
        </button>
      </p>
    );
  }
  return (
    <div class="delete-pulse notice" role="group" aria-label={t('pulseDeleteButton')}>
      <p>{plural('pulseDeleteConfirm', answers, formatNumber(answers), formatNumber(held))}</p>
      <button type="button" class="danger" onClick={() => void deleteWithDrafts(db, pulseId)}>
        {plural('pulseDeleteYes', answers, formatNumber(answers))}
      </button>{' '}
      <button type="button" onClick={() => setConfirming(false)}>
        {t('pulseDeleteNo')}
      </button>
    </div>
  );
}
