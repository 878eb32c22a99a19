import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchExtension, type ExtensionHarness, type LaunchOptions } from './extension';
import { describeUnexpectedRequests } from './request-guard';

/**
 * One browser with the extension for the test file; every test fails if a request left for
 * a host that is not a routed fixture while it ran. Call at the top of a describe or file:
 *   const ext = useExtension();  ...  ext().context.newPage()
 */
export function useExtension(options?: LaunchOptions): () => ExtensionHarness {
  let harness: ExtensionHarness | undefined;
  beforeAll(async () => {
    harness = await launchExtension(options);
  });
  afterEach(() => {
    const leaked = harness?.takeUnexpectedRequests() ?? [];
    if (leaked.length > 0) throw new Error(describeUnexpectedRequests(leaked));
  });
  afterAll(async () => {
    await harness?.close();
  });
  return () => {
    if (!harness) throw new Error('useExtension(): the browser is not running (use it inside a test)');
    return harness;
  };
}
