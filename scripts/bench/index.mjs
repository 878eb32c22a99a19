// Every bench figure, in the order they run. A module exports { name, unit, budget, measure(bench) }
// where measure resolves to figures (see lib/figures.mjs); `bench` is made in lib/context.mjs.
// A figure may also export prepare(bench): set-up made with the others of its stage (STAGES) side
// by side before the stage's first figure is timed (browsers launched, a server started; the first
// stage's while the figures that use no browser run); measure(bench) then finds it made (through
// bench.keep / bench.shared).
import { observerPasses } from './observer-pass.mjs';
import { openCodes } from './open-codes.mjs';
import { pasteCodes, pasteSeatCodes } from './paste-codes.mjs';
import { pasteStore } from './paste-store.mjs';
import { panelOpen } from './panel-open.mjs';
import { backgroundSync, contentScripts, sidePanelScripts } from './sizes.mjs';
import { dashboardOpen } from './dashboard-open.mjs';
import { widgetSize } from './widget-gz.mjs';
import { bundleImport } from './bundle-import.mjs';
import { bundleExport } from './bundle-export.mjs';
import { workspaceSync } from './workspace-sync.mjs';
import { workspaceLive } from './workspace-live.mjs';

/**
 * Figures run only when asked for by name (`npm run bench -- paste-2000-store`): explorations
 * with no budget, kept out of the whole run's time and away from the figures after them (their
 * databases' writes settle in the background while the next figure runs).
 */
export const ON_REQUEST = new Set([pasteStore]);

/** Figures that use no browser: sizes of built files, which no load on the machine can change. */
export const WITHOUT_BROWSER = new Set([contentScripts, sidePanelScripts, backgroundSync, widgetSize]);

/**
 * Every figure, in the order they run, in stages of figures that share set-up. A stage's set-up
 * (its figures' prepare) is made side by side just before it, and what it kept (browsers, the
 * stand-in) is closed after its last figure: no stage's idle browsers sit beside another's
 * figures (the bundle import took 180 s in the whole run against 146 s alone while the
 * workspace profiles and the stand-in, launched at the start, waited beside it).
 */
export const STAGES = [
  [
    contentScripts,
    sidePanelScripts,
    widgetSize,
    panelOpen,
    observerPasses,
    openCodes,
    pasteCodes,
    pasteSeatCodes,
    pasteStore,
  ],
  // These three share one browser and one generated data set (bundle-import.mjs), in this order.
  [bundleImport, bundleExport, dashboardOpen],
  // The background's sync size (two Vite builds, the longest figure without a browser) runs
  // while the stand-in and four profiles are made, the longest set-up.
  [backgroundSync, workspaceSync, workspaceLive],
];

export const FIGURES = STAGES.flat();
