import { describe, expect, it } from 'vitest';
import { t } from '../../../utils/i18n/messages';
import { formatNumber } from '../../../utils/i18n/format';

describe('messages', () => {
  it('reads a message by key', () => {
    expect(t('extensionName')).toBe('Partnership Pulse');
  });
  it('formats numbers through Intl', () => {
    expect(formatNumber(1234.5)).toBe('1,234.5');
  });
});
