// Every script a bench evaluates in a page is bundled from the app's sources at bench time; a
// source the bundle cannot resolve (such as WXT's `#imports`) once stopped most figures.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain .mjs bench modules without type declarations
import { seedScript } from '../../../scripts/bench/lib/seed.mjs';
// @ts-expect-error: as above
import { pageScript } from '../../../scripts/bench/lib/page-script.mjs';
// @ts-expect-error: as above
import { bundleBenchScript } from '../../../scripts/bench/bundle-import.mjs';
// @ts-expect-error: as above
import { CASES, bundleProbe } from '../../../scripts/bench/observer-pass.mjs';
// @ts-expect-error: as above
import { pulseCodesScript } from '../../../scripts/bench/open-codes.mjs';
// @ts-expect-error: as above
import { pasteScript } from '../../../scripts/bench/paste-codes.mjs';
// @ts-expect-error: as above
import { syncBenchScript } from '../../../scripts/bench/workspace-sync.mjs';

type Build = (root: string, ...rest: unknown[]) => Promise<string>;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe('bench page scripts', () => {
  const builders: [string, () => Promise<string>][] = [
    ['seed', () => (seedScript as Build)(ROOT)],
    ['bundle import/export', () => (bundleBenchScript as Build)(ROOT)],
    ['open codes', () => (pulseCodesScript as Build)(ROOT)],
    ['paste codes', () => (pasteScript as Build)(ROOT)],
    ['workspace sync', () => (syncBenchScript as Build)(ROOT)],
    ...(CASES as { name: string }[]).map((probe): [string, () => Promise<string>] => [
      probe.name,
      () => (bundleProbe as Build)(ROOT, probe),
    ]),
  ];

  it.each(builders)('%s builds from the sources', async (_name, buildScript) => {
    const script = await buildScript();
    expect(script.length).toBeGreaterThan(1000);
    expect(script).not.toContain("from '#imports'");
  });

  it("answers WXT's #imports with the English messages", async () => {
    const script = await (pageScript as Build)(ROOT, "export { t } from './utils/i18n/messages';", {
      globalName: '__messages',
    });
    const scope = new Function(`${script}; return __messages;`)() as { t: (key: string) => string };
    expect(scope.t('extensionName')).toBe('Partnership Pulse');
  });

  it('reports a source that does not resolve, and builds again afterwards', async () => {
    await expect((pageScript as Build)(ROOT, "export * from './utils/no-such-module';")).rejects.toThrow(
      /no-such-module/,
    );
    await expect((pageScript as Build)(ROOT, 'export const ok = 1;')).resolves.toContain('ok');
  });
});
