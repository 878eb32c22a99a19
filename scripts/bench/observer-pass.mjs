// (d) One observer pass (read the page, fingerprint the snapshot, compare) over a large call,
// timed in the real page: utils/platforms/watch.ts's observerPass and the platform's reader,
// bundled into a script and injected into the routed fixture.
// Zoom is measured both ways it renders: the client as the top page (/wc/<n>/join), and inside
// the web app's same-origin iframe#webclient (the shell at /wc/<n>/join, the client at
// ?fromPWA=1), where the pass runs in the frame and each pass also asks whether the page only
// hosts the client (the content script's shouldRead).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pageScript } from './lib/page-script.mjs';
import { atMost, median, round } from './lib/figures.mjs';

/** One entry per measured call page; add other platforms' large calls here. */
export const CASES = [
  {
    name: 'observer-pass-300-ms',
    fixture: 'tests/fixtures/meet/large-call-300.html',
    url: 'https://meet.google.com/abc-defg-hij',
    routePattern: 'https://meet.google.com/**',
    readerModule: './utils/platforms/meet',
    readerExport: 'meetReader',
    minParticipants: 300,
  },
  {
    name: 'observer-pass-300-zoom-ms',
    fixture: 'tests/fixtures/zoom/large-call-300.html',
    url: 'https://app.zoom.us/wc/84512345678/join',
    routePattern: 'https://app.zoom.us/**',
    readerModule: './utils/platforms/zoom',
    readerExport: 'zoomReader',
    guardExport: 'hostsZoomClient',
    minParticipants: 300,
  },
  {
    name: 'observer-pass-300-teams-ms',
    fixture: 'tests/fixtures/teams/large-call-300.html',
    url: 'https://teams.microsoft.com/v2/',
    routePattern: 'https://teams.microsoft.com/**',
    readerModule: './utils/platforms/teams',
    readerExport: 'teamsReader',
    minParticipants: 300,
  },
  {
    name: 'observer-pass-300-zoom-frame-ms',
    fixture: 'tests/fixtures/zoom/large-call-300.html',
    // The page around the frame; the frame's address carries fromPWA=1.
    shell: 'tests/fixtures/zoom/pwa-shell.html',
    frameMarker: 'fromPWA',
    url: 'https://app.zoom.us/wc/84512345678/join',
    routePattern: 'https://app.zoom.us/**',
    readerModule: './utils/platforms/zoom',
    readerExport: 'zoomReader',
    guardExport: 'hostsZoomClient',
    minParticipants: 300,
  },
];

const PASSES = 200;
const BATCH = 5; // passes per timed sample: performance.now() is coarse outside isolated pages

export function bundleProbe(root, { readerModule, readerExport, guardExport }) {
  // With a guard (the content script's shouldRead), each pass asks it first, as the script does.
  const guardImport = guardExport ? `import { ${guardExport} as hostsOnly } from '${readerModule}';` : '';
  const guard = guardExport ? 'hostsOnly(document)' : 'false';
  const contents = `
    import { observerPass } from './utils/platforms/watch';
    import { ${readerExport} as reader } from '${readerModule}';
    ${guardImport}
    globalThis.__ppObserverBench = (passes, batch) => {
      const url = location.href;
      if (${guard}) return { perPass: [], participants: null, hostsOnly: true };
      let { fingerprint, snapshot } = observerPass(reader, document, url, null);
      const perPass = [];
      for (let done = 0; done < passes; done += batch) {
        const start = performance.now();
        for (let i = 0; i < batch; i += 1) {
          if (${guard}) continue;
          fingerprint = observerPass(reader, document, url, fingerprint).fingerprint;
        }
        perPass.push((performance.now() - start) / batch);
      }
      return { perPass, participants: snapshot.participants?.length ?? null, hostsOnly: false };
    };`;
  return pageScript(root, contents, { sourcefile: 'observer-bench.ts' });
}

/** The shell on the app's address, the client document on the frame's (its address has the marker). */
async function routeShellAndFrame(page, root, probe) {
  const shell = readFileSync(path.join(root, probe.shell), 'utf8');
  const client = readFileSync(path.join(root, probe.fixture), 'utf8');
  await page.route(probe.routePattern, (route) => {
    const request = route.request();
    if (request.resourceType() !== 'document') return route.fulfill({ status: 404, body: '' });
    const body = new URL(request.url()).searchParams.has(probe.frameMarker) ? client : shell;
    return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
  });
}

async function clientFrame(page, probe) {
  for (let tries = 0; tries < 100; tries += 1) {
    const frame = page.frames().find((f) => f !== page.mainFrame() && f.url().includes(probe.frameMarker));
    if (frame) {
      await frame.waitForLoadState('domcontentloaded');
      return frame;
    }
    await page.waitForTimeout(100);
  }
  throw new Error(`${probe.shell}: the client frame never loaded`);
}

export const observerPasses = {
  name: 'observer-pass',
  unit: 'ms',
  budget: 2,
  async measure(bench) {
    // Pages of its own in the browser kept for the run: nothing here is stored.
    const ext = await bench.shared();
    const figures = [];
    for (const probe of CASES) {
      const page = await ext.context.newPage();
      if (probe.shell) await routeShellAndFrame(page, bench.root, probe);
      else await bench.harness.routeFixture(page, probe.routePattern, probe.fixture);
      await page.goto(probe.url);
      const target = probe.shell ? await clientFrame(page, probe) : page;
      const script = await bundleProbe(bench.root, probe);
      if (probe.shell) {
        // The page around the frame only hosts the client: its script must stand aside.
        await page.evaluate(script);
        const top = await page.evaluate(() => globalThis.__ppObserverBench(1, 1));
        if (!top.hostsOnly) throw new Error(`${probe.shell}: the app page was read as the client`);
      }
      await target.evaluate(script); // evaluate, not a script tag: no CSP applies
      const { perPass, participants } = await target.evaluate(
        ([passes, batch]) => globalThis.__ppObserverBench(passes, batch),
        [PASSES, BATCH],
      );
      if ((participants ?? 0) < probe.minParticipants) {
        throw new Error(
          `${probe.fixture}: the reader saw ${participants} participants, expected ${probe.minParticipants}`,
        );
      }
      figures.push(atMost(probe.name, round(median(perPass), 4), 'ms', this.budget));
      await page.close();
    }
    return figures;
  },
};
