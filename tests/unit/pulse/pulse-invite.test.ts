import { describe, expect, it } from 'vitest';
import { decodeInvite, encodeInvite } from '../../../utils/pulse/invite';
import { generatePulseKeys } from '../../../utils/pulse/keys';
import { inviteForPulse, widgetFileName } from '../../../utils/pulse/pulse-invite';
import { buildQuestions, defaultCoreWording } from '../../../utils/pulse/questions';
import { formatRelative, relativeParts } from '../../../utils/pulse/time-left';

describe('inviteForPulse', () => {
  it('carries the questions and the public key, never an organisation list, and decodes as it was', async () => {
    const { publicKeyJwk } = await generatePulseKeys();
    const pulse = {
      id: '3f6c2a1e-8b4d-4c2f-9a7e-1d2b3c4d5e6f',
      questions: buildQuestions(defaultCoreWording(), [{ wording: 'Anything else?', scale: 'text' }]),
      invitedOrganisationIds: ['org-b', 'org-a', 'org-unknown'],
      expiresAt: 1_800_000_000_000,
      publicKeyJwk,
    };
    const invite = inviteForPulse(pulse, 'Hartside Food Partnership');
    expect(JSON.stringify(invite)).not.toContain('org-');
    expect(invite.seat).toBeUndefined();
    expect(invite.questions.map((q) => [q.id, q.scale, q.dimension])).toEqual([
      ['trust', 'agree5', 'trust'],
      ['equity', 'agree5', 'equity'],
      ['flexibility', 'agree5', 'flexibility'],
      ['communication', 'agree5', 'communication'],
      ['x1', 'text', undefined],
    ]);
    expect(decodeInvite(encodeInvite(invite))).toEqual({ ok: true, invite });
  });

  it('refuses a pulse without its public key', () => {
    expect(() => inviteForPulse({ id: 'p', questions: [], expiresAt: 0 }, 'x')).toThrow();
  });
});

describe('widgetFileName', () => {
  it('is a plain, safe file name with the partnership and the date', () => {
    expect(widgetFileName('Hartside Food Partnership', Date.UTC(2026, 2, 5, 12))).toBe(
      'pulse-hartside-food-partnership-2026-03-05.html',
    );
    expect(widgetFileName('Café / Ünïon <script>', Date.UTC(2026, 2, 5, 12))).toBe(
      'pulse-cafe-union-script-2026-03-05.html',
    );
    expect(widgetFileName('***', Date.UTC(2026, 2, 5, 12))).toBe('pulse-2026-03-05.html');
  });
});

describe('time left', () => {
  const HOUR = 3_600_000;
  it('picks minutes, hours or days', () => {
    expect(relativeParts(7 * 24 * HOUR)).toEqual({ value: 7, unit: 'day' });
    expect(relativeParts(-5 * HOUR)).toEqual({ value: -5, unit: 'hour' });
    expect(relativeParts(20 * 60_000)).toEqual({ value: 20, unit: 'minute' });
  });

  it('says it in words through Intl', () => {
    expect(formatRelative(7 * 24 * HOUR, 0, 'en-GB')).toBe('in 7 days');
    expect(formatRelative(0, 2 * 24 * HOUR, 'en-GB')).toBe('2 days ago');
    expect(formatRelative(3 * HOUR, 0, 'de')).toBe('in 3 Stunden');
  });
});
