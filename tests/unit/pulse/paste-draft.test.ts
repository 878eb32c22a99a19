import { describe, expect, it } from 'vitest';
import { pasteDraftKey } from '../../../utils/pulse/paste-draft';

describe('pasteDraftKey', () => {
  it('keeps one draft per pulse, and one for the box without a pulse', () => {
    expect(pasteDraftKey('pulse-1')).toBe('paste:pulse-1');
    expect(pasteDraftKey('pulse-2')).not.toBe(pasteDraftKey('pulse-1'));
    expect(pasteDraftKey()).toBe('paste:any');
    expect(pasteDraftKey('')).toBe('paste:any');
  });
});
