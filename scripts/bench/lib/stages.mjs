// The order of a bench run: figures in stages of figures that share set-up (scripts/bench/index.mjs).
// Each stage's set-up is made side by side just before the stage, once the last stage's kept
// browsers (and stand-in) are closed, so that no stage's idle browsers sit beside another's
// figures. Figures that use no browser run while their stage's set-up is made; every other
// figure waits for it, so none is timed alongside it.

/**
 * Runs `chosen` (figures in the order of `stages`, a list of lists of figures) through `steps`:
 *   prepare(figures): the set-up of a stage's chosen figures, made side by side (a promise);
 *   close(): closes what the stage before kept;
 *   measure(figure): one figure, measured (a promise).
 * Resolves once every figure is measured and the last set-up made (its failures are the
 * figures' own: a set-up that failed is made again, and fails, in its figure).
 */
export async function runInStages(chosen, stages, withoutBrowser, steps) {
  const stageOf = (figure) => stages.findIndex((stage) => stage.includes(figure));
  let stage = -1;
  let prepared = Promise.resolve();
  for (const figure of chosen) {
    if (stageOf(figure) !== stage) {
      await prepared;
      if (stage !== -1) await steps.close();
      stage = stageOf(figure);
      const preparing = chosen.filter((f) => f.prepare && stageOf(f) === stage);
      prepared = preparing.length > 0 ? steps.prepare(preparing).catch(() => {}) : Promise.resolve();
    }
    if (!withoutBrowser.has(figure)) await prepared;
    await steps.measure(figure);
  }
  await prepared;
}
