import { describe, expect, it } from 'vitest';
import { fromLocalInput, toLocalInput } from '../../../utils/time/local-time';

describe('datetime-local values', () => {
  it('round-trips a local time', () => {
    const epoch = new Date(2026, 10, 25, 9, 5).getTime();
    expect(toLocalInput(epoch)).toBe('2026-11-25T09:05');
    expect(fromLocalInput('2026-11-25T09:05')).toBe(epoch);
  });

  it('rejects values that are not a date and time', () => {
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('25/11/2026 09:05')).toBeNull();
    expect(fromLocalInput('2026-11-25')).toBeNull();
  });

  it('rejects dates the Date constructor would roll over', () => {
    expect(fromLocalInput('2026-02-31T10:00')).toBeNull();
    expect(fromLocalInput('2026-13-01T10:00')).toBeNull();
  });
});
