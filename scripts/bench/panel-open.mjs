// (c) Opening the side panel with 10,000 meetings in the database, against an empty one:
// navigation start to the panel's `pp-ready` mark, median of several opens each, as a ratio.
import { atMost, median, repeat, round } from './lib/figures.mjs';
import { seedDatabase } from './lib/seed.mjs';

const RUNS = 7;
const MEETINGS = 10_000;
const MEET_URL = 'https://meet.google.com/abc-defg-hij';

export const panelOpen = {
  name: 'panel-open-10k-ratio',
  unit: '×',
  budget: 1.2,
  async measure(bench) {
    const { harness } = bench;
    const ext = await bench.launch();
    // The panel is bound to a live Meet call, as a lead would open it: with past meetings
    // it guesses the partnership from them, which is where a large database would show.
    await harness.routeFixture(ext.context, 'https://meet.google.com/**', 'tests/fixtures/meet/small-call.html');
    const call = await ext.context.newPage();
    await call.goto(MEET_URL);
    const tabId = await harness.tabIdOf(call);
    await harness.waitForLiveState(ext, tabId, (state) => (state.call?.participants.length ?? 0) > 0, { timeout: 20_000 });

    const openOnce = async () => {
      const panel = await harness.openPanel(ext, tabId);
      await harness.waitForReady(panel, 30_000);
      const ms = await panel.evaluate(() => performance.getEntriesByName('pp-ready')[0].startTime);
      await panel.close();
      return ms;
    };

    const empty = median(await repeat(openOnce, { runs: RUNS, warmups: 2 }));

    const seeder = await ext.context.newPage();
    await seeder.goto(ext.extensionUrl('sidepanel.html')); // the extension's origin; the panel made the schema
    const counts = await seedDatabase(seeder, bench.root, { meetings: MEETINGS });
    bench.log(`seeded ${JSON.stringify(counts)}`);
    await seeder.close();

    const full = median(await repeat(openOnce, { runs: RUNS, warmups: 2 }));
    bench.log(`panel open: ${round(empty, 1)} ms empty, ${round(full, 1)} ms with ${MEETINGS} meetings (medians of ${RUNS})`);
    return [atMost(this.name, round(full / empty, 3), this.unit, this.budget)];
  },
};
