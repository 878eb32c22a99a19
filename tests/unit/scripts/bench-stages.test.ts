// The bench runs its figures in stages: a stage's set-up is made only once the stage before is
// done and closed (its idle browsers slowed the bundle import), figures that use no browser run
// while it is made, and no browser figure starts before it is.
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain .mjs bench module without type declarations
import { runInStages } from '../../../scripts/bench/lib/stages.mjs';

interface Figure {
  name: string;
  prepare?: () => void;
}

type Run = (
  chosen: Figure[],
  stages: Figure[][],
  withoutBrowser: Set<Figure>,
  steps: {
    prepare(figures: Figure[]): Promise<void>;
    close(): Promise<void>;
    measure(figure: Figure): Promise<void>;
  },
) => Promise<void>;

const figure = (name: string, prepared = false): Figure => ({ name, ...(prepared ? { prepare: () => {} } : {}) });
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

const size = figure('size');
const panel = figure('panel', true);
const paste = figure('paste');
const bundle = figure('bundle', true);
const dashboard = figure('dashboard');
const gzip = figure('gzip');
const sync = figure('sync', true);
const live = figure('live', true);
const STAGES = [
  [size, panel, paste],
  [bundle, dashboard],
  [gzip, sync, live],
];
const ALL = STAGES.flat();
const WITHOUT_BROWSER = new Set([size, gzip]);

/** The run's events in order; each set-up takes a few ticks, and may fail. */
async function events(chosen: Figure[], { failingSetUp = '' } = {}) {
  const log: string[] = [];
  await (runInStages as Run)(chosen, STAGES, WITHOUT_BROWSER, {
    async prepare(figures) {
      const names = figures.map((f) => f.name).join('+');
      log.push(`prepare ${names}`);
      await tick();
      await tick();
      log.push(`prepared ${names}`);
      if (figures.some((f) => f.name === failingSetUp)) throw new Error('no browser');
    },
    async close() {
      log.push('close');
    },
    async measure(f) {
      log.push(`start ${f.name}`);
      await tick();
      log.push(`end ${f.name}`);
    },
  });
  return log;
}

describe('the bench run in stages', () => {
  it("makes each stage's set-up after the stage before is closed, never beside a browser figure", async () => {
    expect(await events(ALL)).toEqual([
      'prepare panel',
      'start size',
      'end size',
      'prepared panel',
      'start panel',
      'end panel',
      'start paste',
      'end paste',
      'close',
      'prepare bundle',
      'prepared bundle',
      'start bundle',
      'end bundle',
      'start dashboard',
      'end dashboard',
      'close',
      'prepare sync+live',
      'start gzip',
      'end gzip',
      'prepared sync+live',
      'start sync',
      'end sync',
      'start live',
      'end live',
    ]);
  });

  it('prepares only the chosen figures, and skips the stages none of them is in', async () => {
    expect(await events([bundle, live])).toEqual([
      'prepare bundle',
      'prepared bundle',
      'start bundle',
      'end bundle',
      'close',
      'prepare live',
      'prepared live',
      'start live',
      'end live',
    ]);
  });

  it('runs the figures after a set-up that failed (each makes its own again)', async () => {
    const log = await events([panel, paste, bundle], { failingSetUp: 'panel' });
    expect(log).toContain('start panel');
    expect(log).toContain('end bundle');
  });

  it('waits for a set-up that only figures without a browser were beside', async () => {
    const log = await events([gzip, sync]);
    expect(log.indexOf('prepared sync')).toBeLessThan(log.indexOf('start sync'));
    expect(log.indexOf('start gzip')).toBeLessThan(log.indexOf('prepared sync'));
  });
});
