import { describe, expect, it } from 'vitest';
import { fakeBrowser } from '#imports';
import { formatDate, formatNumber } from '../../../utils/i18n/format';

describe('formatting through Intl', () => {
  it("uses the browser's language", () => {
    fakeBrowser.i18n.getUILanguage = () => 'de-DE';
    expect(formatNumber(1234.5)).toBe('1.234,5');
    fakeBrowser.i18n.getUILanguage = () => 'en-GB';
    expect(formatNumber(1234.5)).toBe('1,234.5');
    expect(formatDate(Date.UTC(2026, 0, 15, 12), { dateStyle: 'long', timeZone: 'UTC' })).toBe('15 January 2026');
  });

  it('makes one formatter per locale and options, however often it formats', () => {
    const Real = Intl.NumberFormat;
    let made = 0;
    Intl.NumberFormat = class extends Real {
      constructor(...args: ConstructorParameters<typeof Real>) {
        super(...args);
        made += 1;
      }
    } as typeof Intl.NumberFormat;
    try {
      const percent = { style: 'percent', maximumFractionDigits: 1, minimumIntegerDigits: 2 } as const;
      for (let i = 0; i < 100; i += 1) formatNumber(i / 100, percent);
      expect(formatNumber(0.256, percent)).toBe('25.6%');
      expect(made).toBe(1);
      expect(formatNumber(0.256, { ...percent, maximumFractionDigits: 0 })).toBe('26%');
      expect(made).toBe(2);
      fakeBrowser.i18n.getUILanguage = () => 'fr-FR';
      expect(formatNumber(0.256, percent)).toMatch(/^25,6\s?%$/);
      expect(made).toBe(3);
    } finally {
      Intl.NumberFormat = Real;
    }
  });
});
