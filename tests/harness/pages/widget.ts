import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PulseInvite } from '../../../utils/pulse/invite';
import { OUTPUT_DIR } from '../paths';

/** The built partner widget (one file) and the invites the tests open it with. */

export const WIDGET_FILE = path.join(OUTPUT_DIR, 'widget', 'pulse.html');

/** A file's address with an optional fragment (the widget's invite travels in the fragment). */
export const fileUrl = (file: string, fragment = ''): string =>
  pathToFileURL(file).href + (fragment ? `#${fragment}` : '');

/** The built widget's address, with an invite (already encoded) in its fragment. */
export const widgetUrl = (fragment = ''): string => fileUrl(WIDGET_FILE, fragment);

const WEEK = 7 * 24 * 60 * 60 * 1000;

/** A version 2 invite for `questions`, sealed to `publicKey`, open for a week from now. */
export function testInvite(
  publicKey: JsonWebKey,
  questions: PulseInvite['questions'],
  overrides: Partial<PulseInvite> = {},
): PulseInvite {
  return {
    v: 2,
    pulseId: crypto.randomUUID(),
    partnershipName: 'Northside Hardship Partnership',
    questions,
    expiresAt: Date.now() + WEEK,
    publicKey,
    ...overrides,
  };
}
