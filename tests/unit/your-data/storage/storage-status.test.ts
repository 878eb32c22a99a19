import { describe, expect, it } from 'vitest';
import { backupReminder, BACKUP_REMINDER_DAYS } from '../../../../utils/your-data/storage/backup-reminder';
import { byteFormatOptions, byteSize, shareUsed } from '../../../../utils/your-data/storage/space';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 10, 25, 12);

describe('backupReminder', () => {
  it('says nothing while there is nothing to back up, backup or not', () => {
    expect(backupReminder(null, false, NOW)).toEqual({ due: false });
    expect(backupReminder(NOW - 400 * DAY, false, NOW)).toEqual({ due: false });
  });

  it('reminds when there is data and never a backup', () => {
    expect(backupReminder(null, true, NOW)).toEqual({ due: true, reason: 'never' });
  });

  it('stays quiet up to 30 days after the last backup and reminds after', () => {
    expect(BACKUP_REMINDER_DAYS).toBe(30);
    expect(backupReminder(NOW, true, NOW)).toEqual({ due: false });
    expect(backupReminder(NOW - 29 * DAY, true, NOW)).toEqual({ due: false });
    expect(backupReminder(NOW - 30 * DAY, true, NOW)).toEqual({ due: false });
    expect(backupReminder(NOW - 30 * DAY - 1, true, NOW)).toEqual({ due: true, reason: 'old', days: 30 });
    expect(backupReminder(NOW - 95 * DAY, true, NOW)).toEqual({ due: true, reason: 'old', days: 95 });
  });

  it('does not remind for a backup stamped in the future (a clock set back)', () => {
    expect(backupReminder(NOW + 3 * DAY, true, NOW)).toEqual({ due: false });
  });
});

describe('byteSize', () => {
  it('picks the largest unit that keeps the number at 1 or more', () => {
    expect(byteSize(0)).toEqual({ value: 0, unit: 'byte' });
    expect(byteSize(999)).toEqual({ value: 999, unit: 'byte' });
    expect(byteSize(1000)).toEqual({ value: 1, unit: 'kilobyte' });
    expect(byteSize(4_240_000)).toEqual({ value: 4.2, unit: 'megabyte' });
    expect(byteSize(42_600_000)).toEqual({ value: 43, unit: 'megabyte' });
    expect(byteSize(3.5e12)).toEqual({ value: 3.5, unit: 'terabyte' });
    expect(byteSize(7e15)).toEqual({ value: 7000, unit: 'terabyte' });
  });

  it('never goes below zero', () => {
    expect(byteSize(-5)).toEqual({ value: 0, unit: 'byte' });
  });

  it('formats through Intl with the unit', () => {
    const { value, unit } = byteSize(4_240_000);
    expect(new Intl.NumberFormat('en-GB', byteFormatOptions(unit)).format(value)).toBe('4.2 MB');
    expect(new Intl.NumberFormat('en-GB', byteFormatOptions('byte')).format(12)).toBe('12 bytes');
    expect(new Intl.NumberFormat('de-DE', byteFormatOptions(unit)).format(value)).toBe('4,2 MB');
  });
});

describe('shareUsed', () => {
  it('is usage over quota, or null when the browser did not say', () => {
    expect(shareUsed({ usage: 250, quota: 1000 })).toBe(0.25);
    expect(shareUsed({ usage: 250 })).toBeNull();
    expect(shareUsed({ quota: 1000 })).toBeNull();
    expect(shareUsed({ usage: 0, quota: 0 })).toBeNull();
    expect(shareUsed({ usage: 2000, quota: 1000 })).toBe(1);
  });
});
