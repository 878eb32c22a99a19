/** When to remind the user to export a backup of everything (pure: the caller passes the time). */

export const BACKUP_REMINDER_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export type BackupReminder =
  | { due: false }
  /** There are records and no whole export was ever saved. */
  | { due: true; reason: 'never' }
  /** The last whole export is older than BACKUP_REMINDER_DAYS. */
  | { due: true; reason: 'old'; days: number };

export function backupReminder(lastBackupAt: number | null, hasData: boolean, now: number): BackupReminder {
  if (!hasData) return { due: false };
  if (lastBackupAt === null) return { due: true, reason: 'never' };
  const days = Math.floor((now - lastBackupAt) / DAY_MS);
  return now - lastBackupAt > BACKUP_REMINDER_DAYS * DAY_MS ? { due: true, reason: 'old', days } : { due: false };
}
