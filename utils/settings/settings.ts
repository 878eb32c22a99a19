import { storage } from '#imports';
import { PLATFORMS, type PlatformId } from '../platforms/snapshot';

export { clampThreshold, MIN_ANONYMITY_THRESHOLD } from '../db/threshold';

/** Every user setting, with the fallback used until the user changes it. */

export const anonymityThreshold = storage.defineItem<number>('local:anonymityThreshold', {
  fallback: 3,
});

export const enabledPlatforms = storage.defineItem<PlatformId[]>('local:enabledPlatforms', {
  fallback: [...PLATFORMS],
});

export const defaultPartnershipId = storage.defineItem<string | null>('local:defaultPartnershipId', {
  fallback: null,
});

/**
 * Where the lead's organisation hosts the partner widget (pulse.html), e.g.
 * https://intranet.example.org/pulse.html. Empty: the panel saves a copy of the file with the
 * pulse written into it instead of giving a link.
 */
export const widgetHost = storage.defineItem<string>('local:widgetHost', {
  fallback: '',
});

/** Add pulse response codes seen in the call chat without asking. */
export const autoAddChatCodes = storage.defineItem<boolean>('local:autoAddChatCodes', {
  fallback: false,
});

// In a module of its own: the background's sync reads it, and carries no other setting.
export { shareCommentsWith } from './share-comments';

/** A widget address the panel can link to: https (http for localhost only) or file, without its fragment; null otherwise. */
export function widgetBaseUrl(value: string): string | null {
  const text = value.trim();
  if (!text) return null;
  try {
    const url = new URL(text);
    // Plain http would let anyone on the network swap the widget (and the key it seals to).
    const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    if (!(url.protocol === 'https:' || url.protocol === 'file:' || (url.protocol === 'http:' && local))) return null;
    url.hash = '';
    return url.href;
  } catch {
    return null;
  }
}

/** When the last export of the whole database as a bundle was saved (epoch ms); null: never. */
export const lastBackupAt = storage.defineItem<number | null>('local:lastBackupAt', {
  fallback: null,
});
