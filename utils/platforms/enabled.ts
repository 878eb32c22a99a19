import { browser } from '#imports';
import { PLATFORMS, type PlatformId } from './snapshot';

/*
 * The `enabledPlatforms` setting (utils/settings.ts), read the light way for content scripts.
 * WXT's storage library would take almost half of a content script's 8 KB budget, so this reads
 * the same storage entry directly: `local:enabledPlatforms` is stored under "enabledPlatforms" in
 * browser.storage.local, with the same fallback. tests/unit/platforms/enabled.test.ts proves both
 * agree; change them together.
 */
const KEY = 'enabledPlatforms';

function orFallback(value: unknown): PlatformId[] {
  return Array.isArray(value) ? (value as PlatformId[]) : [...PLATFORMS];
}

export async function getEnabledPlatforms(): Promise<PlatformId[]> {
  const stored = await browser.storage.local.get(KEY);
  return orFallback(stored[KEY]);
}

/** Calls back with the new list whenever the setting changes; returns the unwatch function. */
export function watchEnabledPlatforms(callback: (enabled: PlatformId[]) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && KEY in changes) callback(orFallback(changes[KEY]?.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
