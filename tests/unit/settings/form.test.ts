import { describe, expect, it } from 'vitest';
import {
  fieldText,
  thresholdInvalid,
  thresholdOf,
  widgetHostInvalid,
  widgetHostOf,
} from '../../../utils/settings/form';
import { LIMITS } from '../../../utils/db/limits';

describe('the settings form’s rules', () => {
  it('stores a whole threshold at or above the minimum, and nothing for anything else', () => {
    expect(thresholdOf('3')).toBe(3);
    expect(thresholdOf(' 5 ')).toBe(5);
    for (const text of ['', '1', '0', '-4', '2.5', 'abc', 'NaN', 'Infinity', '   '])
      expect(thresholdOf(text)).toBeNull();
  });

  it('attacker: stores no threshold above the largest a pulse may hold (1e308 would hide every chart)', () => {
    expect(thresholdOf(String(LIMITS.threshold))).toBe(LIMITS.threshold);
    for (const text of [String(LIMITS.threshold + 1), '1e308', '9007199254740993']) {
      expect(thresholdOf(text)).toBeNull();
      expect(thresholdInvalid(text)).toBe(true);
    }
  });

  it('shows an error for a typed threshold it cannot store, but not for an empty field', () => {
    expect(thresholdInvalid('')).toBe(false);
    expect(thresholdInvalid('4')).toBe(false);
    expect(thresholdInvalid('1')).toBe(true);
    expect(thresholdInvalid('2.5')).toBe(true);
    expect(thresholdInvalid('x')).toBe(true);
  });

  it('stores a widget address trimmed, or none, and never one the panel must not link to', () => {
    expect(widgetHostOf(' https://intranet.example.org/pulse.html ')).toBe('https://intranet.example.org/pulse.html');
    expect(widgetHostOf('')).toBe('');
    expect(widgetHostOf('  ')).toBe('');
    expect(widgetHostOf('http://intranet.example.org/pulse.html')).toBeNull();
    expect(widgetHostOf('javascript:alert(1)')).toBeNull();
    expect(widgetHostInvalid('javascript:alert(1)')).toBe(true);
    expect(widgetHostInvalid('')).toBe(false);
  });

  it('keeps a field’s text while it already means the stored value, else shows the stored value', () => {
    expect(fieldText('04', 4, thresholdOf, String)).toBe('04');
    expect(fieldText('', 3, thresholdOf, String)).toBe('3');
    expect(fieldText('1', 3, thresholdOf, String)).toBe('3');
    expect(fieldText('4', 6, thresholdOf, String)).toBe('6');
    expect(fieldText('https://a.example/p.html ', 'https://a.example/p.html', widgetHostOf, String)).toBe(
      'https://a.example/p.html ',
    );
  });
});
