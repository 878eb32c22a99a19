import { storage } from '#imports';
import { PLATFORMS, type PlatformId } from './platforms/snapshot';

/** Every user setting, with the fallback used until the user changes it. */

export const MIN_ANONYMITY_THRESHOLD = 2;

export const anonymityThreshold = storage.defineItem<number>('local:anonymityThreshold', {
  fallback: 3,
});

export const enabledPlatforms = storage.defineItem<PlatformId[]>('local:enabledPlatforms', {
  fallback: [...PLATFORMS],
});

export const defaultPartnershipId = storage.defineItem<string | null>('local:defaultPartnershipId', {
  fallback: null,
});

/** Never below the minimum, whatever was stored. */
export function clampThreshold(value: number): number {
  return Number.isFinite(value) ? Math.max(MIN_ANONYMITY_THRESHOLD, Math.round(value)) : 3;
}
