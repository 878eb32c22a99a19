import { describe, expect, it } from 'vitest';
import { meeting } from '../../factories';
import { canonicalJson, tieBreak } from '../../../utils/sync/merge';

describe('the tie-break of two edits with the same updatedAt', () => {
  const a = meeting({ id: 'm1', partnershipId: 'p1', notes: 'Ana', updatedAt: 1_000 });
  const b = { ...a, notes: 'Ben' };

  it('picks the same copy whichever side holds which', () => {
    expect(tieBreak(a, b)).not.toBe(tieBreak(b, a));
    const winner = tieBreak(a, b) ? a : b;
    const fromOtherSide = tieBreak(b, a) ? b : a;
    expect(fromOtherSide).toBe(winner);
  });

  it('reads content, not key order or undefined fields', () => {
    const reordered = Object.fromEntries(Object.entries(a).reverse());
    expect(canonicalJson(reordered)).toBe(canonicalJson(a));
    expect(canonicalJson({ ...a, chairName: undefined })).toBe(canonicalJson(a));
    expect(tieBreak(reordered, a)).toBe(false);
    expect(tieBreak(a, reordered)).toBe(false);
  });

  it('tells nested differences apart', () => {
    const one = { ...a, attendees: [{ displayName: 'Dee' }] };
    const two = { ...a, attendees: [{ displayName: 'Dee', email: 'dee@x.example' }] };
    expect(canonicalJson(one)).not.toBe(canonicalJson(two));
    expect(tieBreak(one, two)).not.toBe(tieBreak(two, one));
  });
});
