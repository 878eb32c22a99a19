import { formatDate, formatNumber } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/messages';
import type { DataTransferModel } from '../../utils/your-data/transfer';
import { backupReminder } from '../../utils/your-data/storage/backup-reminder';
import { byteFormatOptions, byteSize, shareUsed } from '../../utils/your-data/storage/space';
import { plural } from '../../utils/i18n/plural';

function bytes(value: number): string {
  const { value: amount, unit } = byteSize(value);
  return formatNumber(amount, byteFormatOptions(unit));
}

/** Whether storage is persistent, the space used, and a reminder when a backup is due. */
export function StorageStatus(props: { model: DataTransferModel; hasData: boolean }) {
  const { persistent, usage, quota } = props.model.storage.value;
  const lastBackupAt = props.model.lastBackupAt.value;
  const share = shareUsed({ usage: usage ?? undefined, quota: quota ?? undefined });
  const reminder = lastBackupAt === undefined ? null : backupReminder(lastBackupAt, props.hasData, props.model.now());
  return (
    <div class="storage-status">
      <p data-persistent={persistent === null ? 'unknown' : String(persistent)}>
        {persistent === null ? t('dataPersistUnknown') : persistent ? t('dataPersistent') : t('dataNotPersistent')}
      </p>
      {usage !== null && (
        <p class="space-used" data-usage={usage}>
          {quota !== null && share !== null
            ? t(
                'dataSpaceUsed',
                bytes(usage),
                bytes(quota),
                formatNumber(share, { style: 'percent', maximumFractionDigits: 1 }),
              )
            : t('dataSpaceUsedOnly', bytes(usage))}
        </p>
      )}
      {typeof lastBackupAt === 'number' && <p class="hint">{t('dataLastBackup', formatDate(lastBackupAt))}</p>}
      {reminder?.due && (
        <p class="notice backup-reminder" role="note">
          {reminder.reason === 'never'
            ? t('dataBackupNever')
            : plural('dataBackupOld', reminder.days, formatNumber(reminder.days))}
        </p>
      )}
    </div>
  );
}
