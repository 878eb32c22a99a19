// (c) Opening the side panel with 10,000 meetings in the database, against an empty one:
// navigation start to the panel's `pp-ready` mark, median of several opens each, as a ratio.
// Two browsers side by side, one per database, opened in turns, so that whatever else the
// machine is doing weighs on both series alike.
import { atMost, median, round } from './lib/figures.mjs';
import { seedDatabase } from './lib/seed.mjs';

const RUNS = 9;
const WARMUPS = 2;
const MEETINGS = 10_000;
/** The browser with the full database, kept from the start of the run until this figure is done. */
const FULL = 'panel-full';
const MEET_URL = 'https://meet.google.com/abc-defg-hij';

/** A browser with a Meet call open and read; returns a function that opens its panel once, timed. */
async function panelOpener(bench, ext) {
  const { harness } = bench;
  // The panel is bound to a live Meet call, as a lead would open it: it then guesses the
  // partnership from past meetings, which is where a large database would show.
  await harness.routeFixture(ext.context, 'https://meet.google.com/**', 'tests/fixtures/meet/small-call.html');
  const tabId = await bench.phase('call read', async () => {
    const call = await ext.context.newPage();
    await call.goto(MEET_URL);
    const id = await harness.tabIdOf(call);
    await harness.waitForLiveState(ext, id, (state) => (state.call?.participants.length ?? 0) > 0, {
      timeout: 20_000,
    });
    return id;
  });
  const openOnce = async () => {
    const panel = await harness.openPanel(ext, tabId);
    await harness.waitForReady(panel, 30_000);
    const ms = await panel.evaluate(() => performance.getEntriesByName('pp-ready')[0].startTime);
    await panel.close();
    return ms;
  };
  return { ext, openOnce };
}

export const panelOpen = {
  name: 'panel-open-10k-ratio',
  unit: '×',
  budget: 1.2,
  /** Both browsers, launched at the start of the run beside the others' set-up. */
  prepare: (bench) => Promise.all([bench.shared(), bench.shared(FULL)]),
  async measure(bench) {
    // The empty one is the browser kept for the run (this is the first figure to use it: its
    // database is still empty), the full one a browser of its own, closed after the figure. Both
    // may have been launched at the start of the run (prepare).
    // Both launched, their calls read and the full one seeded side by side: nothing is timed
    // until both are ready.
    const fullReady = async (ext) => {
      const full = await panelOpener(bench, ext);
      await full.openOnce(); // the app creates the database and its schema
      const seeder = await full.ext.context.newPage();
      await seeder.goto(full.ext.extensionUrl('sidepanel.html'));
      const counts = await bench.phase('seeded', () => seedDatabase(seeder, bench.root, { meetings: MEETINGS }));
      bench.log(`seeded ${JSON.stringify(counts)}`);
      await seeder.close();
      return full;
    };
    const [empty, full] = await bench.phase('browsers ready', () =>
      Promise.all([bench.shared().then((ext) => panelOpener(bench, ext)), bench.shared(FULL).then(fullReady)]),
    );
    // The full one is done with after this figure: closed then (its requests checked).
    try {
      return await this.timeOpens(empty, full, bench);
    } finally {
      await bench.release(`browser:${FULL}`);
    }
  },
  /** The opens, in turns, after warm-up: the ratio of the medians. */
  async timeOpens(empty, full, bench) {
    const times = { empty: [], full: [] };
    for (let run = 0; run < WARMUPS + RUNS; run += 1) {
      const [a, b] = await bench.phase('panel opens', async () => [await empty.openOnce(), await full.openOnce()], {
        quiet: true,
      });
      if (run >= WARMUPS) {
        times.empty.push(a);
        times.full.push(b);
      }
    }
    const [emptyMs, fullMs] = [median(times.empty), median(times.full)];
    const list = (values) => values.map((ms) => round(ms, 0)).join('/');
    bench.log(`runs (ms): empty ${list(times.empty)}, full ${list(times.full)}`);
    bench.log(
      `panel open: ${round(emptyMs, 1)} ms empty, ${round(fullMs, 1)} ms with ${MEETINGS} meetings (medians of ${RUNS})`,
    );
    return [atMost(this.name, round(fullMs / emptyMs, 3), this.unit, this.budget)];
  },
};
