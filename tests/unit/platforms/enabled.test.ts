import { describe, expect, it, vi } from 'vitest';
import { enabledPlatforms } from '../../../utils/settings/settings';
import { getEnabledPlatforms, watchEnabledPlatforms } from '../../../utils/platforms/enabled';
import { PLATFORMS } from '../../../utils/platforms/snapshot';

// The content scripts read the `enabledPlatforms` setting without WXT's storage library; these
// tests hold the two views of the same setting together.
describe('enabled platforms, as the content scripts read them', () => {
  it('are every platform until the user changes the setting, like the setting’s fallback', async () => {
    expect(await getEnabledPlatforms()).toEqual(await enabledPlatforms.getValue());
    expect(await getEnabledPlatforms()).toEqual([...PLATFORMS]);
  });

  it('are what the setting holds', async () => {
    await enabledPlatforms.setValue(['meet', 'gcal']);
    expect(await getEnabledPlatforms()).toEqual(['meet', 'gcal']);
    await enabledPlatforms.setValue([]);
    expect(await getEnabledPlatforms()).toEqual([]);
  });

  it('are announced when the setting changes or is reset, until unwatched', async () => {
    const seen = vi.fn();
    const unwatch = watchEnabledPlatforms(seen);
    await enabledPlatforms.setValue(['zoom']);
    await enabledPlatforms.removeValue();
    unwatch();
    await enabledPlatforms.setValue(['teams']);
    expect(seen.mock.calls).toEqual([[['zoom']], [[...PLATFORMS]]]);
  });
});
