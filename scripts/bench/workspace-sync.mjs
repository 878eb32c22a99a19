// (w) The shared workspace's sync, against the CouchDB stand-in started here
// (tests/harness/couch.ts; a real CouchDB when COUCHDB_URL is set), in real Chromium:
//   workspace-push-ratio: one profile with 5,000 meetings (one partnership, its organisations
//     and memberships) pushes them all with the sync engine (utils/sync/engine.ts), against bare
//     `_bulk_docs` of the same documents into an empty copy of the workspace, from the same page.
//     Throughput over the bare one's (bare ms / sync ms).
//   workspace-pull-ratio: a fresh profile pulls them all into its IndexedDB (checked and merged
//     as a sync does), against a bare `_all_docs?include_docs=true` of the same databases read
//     just before and just after the pull (their mean).
//   workspace-pull-floor-ratio (no budget): the bare read against the longer of itself and a bare
//     store of what it read (each record as it came, into a fresh database of the extension's
//     schema, indexes included): the best the pull ratio could be, even with reading and storing
//     fully overlapped (the overlap floor).
//   workspace-pull-cpu-floor-ratio (no budget): the bare read against the CPU-bound floor: the CPU
//     time (/proc) of the stand-in's process and of every process of the pulling profile during
//     the bare read and the bare store, as two cores could run it at best (lib/cpu.mjs: the
//     longest thread, or the total over two cores). Perfect overlap may need more than two cores.
//   workspace-pull-over-floor-ratio: the physical floor, the higher of the two, over the pull
//     (-over-overlap-floor and -over-cpu-floor, no budget: each floor over the pull).
// The engine runs in an extension page (the code the background runs, without its scheduler);
// both sides go through the same route to the server, so the ratio compares like with like.
import { rmSync } from 'node:fs';
import { pageScript } from './lib/page-script.mjs';
import { addUp, cpuFloor, cpuMeter, describeBusy, profileProcesses } from './lib/cpu.mjs';
import { atLeast, informational, median, round } from './lib/figures.mjs';

export const SYNC_DATASET = { partnerships: 1, organisations: 40, meetings: 5_000 };
// One run by default: the figure takes a minute or two on the shared machine (PP_BENCH_RUNS for more).
const RUNS = Number(process.env.PP_BENCH_RUNS ?? 1);
const LEAD = { name: 'bench-lead', password: 'bench-lead-password' };

const ENTRY = `
  import { generateDataset } from './scripts/bench/dataset';
  import { openPulseDb } from './utils/db/open';
  import { openRawPulseDb } from './utils/db/raw-open';
  import { syncWorkspace } from './utils/sync/engine';
  import { CouchClient } from './utils/sync/http';
  import { signIn } from './utils/sync/session';
  import { mapState } from './utils/sync/state';

  const json = async (response) => {
    if (!response.ok) throw new Error(response.url + ' answered ' + response.status + ': ' + (await response.text()).slice(0, 300));
    return response.json();
  };
  const call = (server, method, path, body) =>
    fetch(server + path, {
      method,
      credentials: 'include',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then(json);
  /** The parsed answers of the last bareAllDocs, one per database. */
  let lastRead;
  /** The records the sync carries: not the workspace's own documents. */
  const isRecord = (row) => !row.id.startsWith('_design/') && row.id !== 'workspace:partnerships';

  /** Notes each transaction on db: opened, first and last write (put) issued, committed. */
  function traceTransactions(db, at, timeline) {
    const open = db.transaction;
    const put = IDBObjectStore.prototype.put;
    const writes = new Map();
    IDBObjectStore.prototype.put = function (...args) {
      const entry = writes.get(this.transaction);
      if (entry) {
        entry.firstPut ??= at();
        entry.lastPut = at();
        entry.puts += 1;
      }
      return put.apply(this, args);
    };
    db.transaction = function (stores, mode, options) {
      const tx = open.call(this, stores, mode, options);
      const entry = { what: 'tx ' + mode + ' ' + [].concat(stores).length + ' stores', from: at(), puts: 0 };
      writes.set(tx, entry);
      const end = () => {
        entry.to = at();
        timeline.push(entry);
      };
      tx.addEventListener('complete', end);
      tx.addEventListener('abort', end);
      return tx;
    };
    return () => {
      IDBObjectStore.prototype.put = put;
      delete db.transaction;
    };
  }

  globalThis.__ppSyncBench = {
    /** Writes the data set into this profile's database; resolves to its partnership and counts. */
    async seed(size) {
      const data = generateDataset(size);
      const db = await openPulseDb();
      const stores = Object.keys(data).filter((store) => data[store].length > 0);
      const tx = db.transaction(stores, 'readwrite');
      for (const store of stores) for (const record of data[store]) void tx.objectStore(store).put(record);
      await tx.done;
      return {
        partnership: { id: data.partnerships[0].id, name: data.partnerships[0].name },
        counts: Object.fromEntries(stores.map((store) => [store, data[store].length])),
      };
    },
    async signIn(server, name, password) {
      await signIn(new CouchClient(server), name, password);
    },
    /**
     * One whole sync of the workspace with fresh checkpoints; the ms it took and what it did.
     * With trace: when each request and each database transaction ran (from the sync's start),
     * a transaction split at its first and last write (reads and checks, writes, commit).
     */
    async sync(server, target, trace = false) {
      // As the background syncs: on the database without idb's wrappers, once a page has
      // created or upgraded it (the raw open never does).
      await openPulseDb();
      const db = await openRawPulseDb();
      if (!db) throw new Error('The raw open found the database not upgraded');
      const started = performance.now();
      const at = () => performance.now() - started;
      const timeline = [];
      // Time spent waiting for the server's whole answers, logged beside the total.
      let network = 0;
      let requests = 0;
      const timed = async (input, init) => {
        const sent = performance.now();
        const response = await fetch(input, init);
        const body = await response.arrayBuffer();
        network += performance.now() - sent;
        requests += 1;
        if (trace) timeline.push({ what: init.method + ' ' + input.slice(server.length).split('&limit')[0], from: sent - started, to: at(), bytes: body.byteLength });
        return new Response(body, { status: response.status, headers: response.headers });
      };
      const restore = trace ? traceTransactions(db, at, timeline) : () => {};
      const client = new CouchClient(server, timed);
      let report;
      try {
        report = await syncWorkspace(db, client, target, mapState());
      } finally {
        restore();
      }
      const ms = performance.now() - started;
      if (report.error || report.refused.length > 0) {
        throw new Error('The sync stopped: ' + JSON.stringify({ error: report.error?.detail, refused: report.refused.slice(0, 3) }));
      }
      return { ms, network, requests, pushed: report.pushed, pulled: report.pulled, timeline };
    },
    /** Bare _bulk_docs: the records of each database in 'from' (read first, not timed) into its pair in 'to'. */
    async bareBulk(server, pairs) {
      const bodies = [];
      for (const [from, to] of pairs) {
        const all = await call(server, 'GET', '/' + encodeURIComponent(from) + '/_all_docs?include_docs=true');
        const docs = all.rows.filter(isRecord).map((row) => {
          const { _rev, ...doc } = row.doc;
          return doc;
        });
        bodies.push([to, docs]);
      }
      let written = 0;
      const started = performance.now();
      for (const [to, docs] of bodies) {
        const results = await call(server, 'POST', '/' + encodeURIComponent(to) + '/_bulk_docs', { docs });
        written += results.filter((r) => r.ok || typeof r.rev === 'string').length;
      }
      return { ms: performance.now() - started, written };
    },
    /** Bare _all_docs?include_docs=true of each database, its answer parsed (its rows kept for bareStore). */
    async bareAllDocs(server, names) {
      let rows = 0;
      const answers = [];
      const started = performance.now();
      for (const name of names) {
        const all = await call(server, 'GET', '/' + encodeURIComponent(name) + '/_all_docs?include_docs=true');
        rows += all.rows.filter(isRecord).length;
        answers.push(all);
      }
      const ms = performance.now() - started;
      lastRead = answers;
      return { ms, rows };
    },
    /**
     * The pull's other physical floor: storing what the last bare read returned (its rows, not
     * read again), each record as it came (its _id, _rev and type dropped) into a fresh database
     * of the extension's schema, its indexes included, one transaction per store and page of
     * 2,000 as the pull writes: no check, no merge, no checkpoint. Timed from the first write to
     * the last commit.
     */
    async bareStore() {
      if (!lastRead) throw new Error('bareStore stores what bareAllDocs read: nothing was read yet');
      const byStore = new Map();
      for (const all of lastRead) {
        for (const row of all.rows) {
          if (!isRecord(row) || !row.doc || row.doc._deleted) continue;
          const { _id, _rev, type, ...record } = row.doc;
          if (!byStore.has(type)) byStore.set(type, []);
          byStore.get(type).push(record);
        }
      }
      const wrapped = await openPulseDb('bench-floor-' + crypto.randomUUID());
      const db = await openRawPulseDb(wrapped.name);
      let rows = 0;
      const started = performance.now();
      for (const [store, records] of byStore) {
        for (let at = 0; at < records.length; at += 2_000) {
          const page = records.slice(at, at + 2_000);
          await new Promise((resolve, reject) => {
            const tx = db.transaction(store, 'readwrite');
            const target = tx.objectStore(store);
            for (const record of page) target.put(record);
            tx.oncomplete = resolve;
            tx.onabort = tx.onerror = () => reject(tx.error);
          });
          rows += page.length;
        }
      }
      const ms = performance.now() - started;
      db.close();
      wrapped.close();
      return { ms, rows };
    },
  };`;

/** The sync engine and the bare requests, as evaluated in the page. */
export function syncBenchScript(root) {
  return pageScript(root, ENTRY, { sourcefile: 'sync-bench-entry.ts' });
}

/**
 * The stand-in and the copy of the build with its host granted, started once in the run and
 * shared by the workspace figures (each with databases of its own prefix). One stand-in only:
 * its in-memory databases, _replicator included, live as long as the process, and a second
 * stand-in's replicator took up the first one's roll-up jobs and failed the run on a conflict.
 */
function workspaceServer(bench) {
  return bench.keep('workspace-server', async (entry) => {
    const { startCouch, grantedExtensionCopy } = await bench.importTs('tests/harness/couch.ts');
    const { initWorkspace } = await bench.importTs('scripts/workspace/init.ts');
    const couch = await bench.phase('stand-in started', () => startCouch());
    const extensionDir = grantedExtensionCopy(bench.harness.EXTENSION_DIR);
    entry.close = async () => {
      rmSync(extensionDir, { recursive: true, force: true });
      await stopRollups(couch).catch(() => {});
      await couch.stop();
    };
    const traffic = { requests: [], open: 0, lastAnswerAt: 0 };
    return { couch, extensionDir, initWorkspace, traffic };
  });
}

/** Deletes the roll-up jobs, so that the stand-in's in-process replicator stops with the server. */
async function stopRollups(couch) {
  const jobs = await couch.admin_fetch('/_replicator/_all_docs');
  for (const row of jobs.body?.rows ?? []) {
    if (row.id.startsWith('_design/')) continue;
    await couch.admin_fetch(`/_replicator/${encodeURIComponent(row.id)}?rev=${row.value.rev}`, { method: 'DELETE' });
  }
}

/** Stops the stand-in before the end of the run: the workspace figures are done. */
export function releaseWorkspaceServer(bench) {
  return bench.release('workspace-server');
}

/** Contexts already routed to the stand-in (a kept profile is asked for by its prepare and its figure). */
const routed = new WeakSet();

/** Chromium resolves no host here, so the server's answers come through Node, logged in `traffic`. */
async function routeToServer(ext, { couch, traffic }, label) {
  if (routed.has(ext.context)) return;
  routed.add(ext.context);
  await ext.context.route(`${couch.url}/**`, async (route) => {
    const request = route.request();
    const at = Date.now();
    const counted = !request.url().includes('feed=longpoll');
    if (counted) traffic.open += 1;
    const response = await route.fetch().catch(() => null);
    if (counted) {
      traffic.open -= 1;
      traffic.lastAnswerAt = Date.now();
    }
    traffic.requests.push({
      at,
      ms: Date.now() - at,
      label,
      what: `${request.method()} ${request.url().slice(couch.url.length)}`,
    });
    if (response) await route.fulfill({ response }).catch(() => {});
  });
}

/** A profile kept under `key` until its figure releases it: launched once, maybe before its stage. */
async function keptProfile(bench, server, key) {
  const ext = await bench.shared(`ws-${key}`, { extensionDir: server.extensionDir, locale: 'en-GB' });
  await routeToServer(ext, server, key);
  return ext;
}

/**
 * A workspace figure's prepare: the stand-in started and the profiles it will use launched before
 * the workspace figures' stage, beside the other workspace figure's set-up (idle until the figure).
 */
export async function prepareProfiles(bench, keys) {
  const server = await workspaceServer(bench);
  await Promise.all(keys.map((key) => keptProfile(bench, server, key)));
}

/** The stand-in, and profiles of the build with its host granted whose requests reach it. */
export async function workspaceBench(bench) {
  const server = await workspaceServer(bench);
  const { couch, initWorkspace, traffic } = server;
  /** The kept profiles this figure used: released when it stops. */
  const used = new Set();
  return {
    couch,
    initWorkspace,
    /** Every request to the server, when it was sent and how long its answer took. */
    requests: traffic.requests,
    /** Requests sent and not answered yet, but the live feeds' long polls (open while nothing changes). */
    inFlight: () => traffic.open,
    /** When the last request but a long poll was answered (epoch ms). */
    lastAnswerAt: () => traffic.lastAnswerAt,
    /** A fresh profile, closed after the figure; with `key`, the one kept (maybe prepared) under it. */
    async profile(label = '', key = undefined) {
      if (key !== undefined) {
        used.add(key);
        return keptProfile(bench, server, key);
      }
      const ext = await bench.launch({ extensionDir: server.extensionDir, locale: 'en-GB' });
      await routeToServer(ext, server, label);
      return ext;
    },
    /** Closes a kept profile now (its requests checked). */
    async release(key) {
      used.delete(key);
      await bench.release(`browser:ws-${key}`);
    },
    /** Closes the figure's profiles; the stand-in stays for the next workspace figure. */
    async stop() {
      await bench.closeAll().catch(() => {});
      for (const key of [...used]) await this.release(key).catch((error) => bench.log(`✗ ${error?.message ?? error}`));
    },
  };
}

async function syncPage(bench, ext) {
  const page = await ext.context.newPage();
  await page.goto(ext.extensionUrl('pulse.html'));
  await page.evaluate(await syncBenchScript(bench.root));
  return page;
}

function signIn(page, server) {
  return page.evaluate(([s, user]) => globalThis.__ppSyncBench.signIn(s, user.name, user.password), [server, LEAD]);
}

/** PP_BENCH_PROFILE=1: a CPU profile of the page; the stop function resolves to the top functions by self time. */
async function startProfile(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.start');
  return async () => {
    const { profile } = await cdp.send('Profiler.stop');
    const self = new Map();
    const dt = profile.timeDeltas ?? [];
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, i) => {
      const { functionName, lineNumber } = byId.get(id).callFrame;
      const key = `${functionName || '(anonymous)'}:${lineNumber}`;
      self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
    });
    return [...self.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 20)
      .map(([k, ms]) => `${Math.round(ms)} ${k}`);
  };
}

/** One request or transaction of a traced sync, as a line of the timeline. */
function timelineLine(e) {
  const ms = (v) => round(v, 0);
  const span = `${ms(e.from)}-${ms(e.to)} (${ms(e.to - e.from)})`;
  if (e.bytes !== undefined) return `${span} ${e.what}: ${e.bytes} B`;
  if (!e.puts) return `${span} ${e.what}`;
  const phases = [e.firstPut - e.from, e.lastPut - e.firstPut, e.to - e.lastPut].map(ms);
  return `${span} ${e.what}, ${e.puts} puts: reads and checks ${phases[0]}, writes ${phases[1]}, commit ${phases[2]}`;
}

/**
 * The processes whose CPU time the pull's floor counts: this one (the stand-in, unless
 * COUCHDB_URL names a real CouchDB, and Playwright's route to it) and every process of the
 * pulling profile, asked again at each reading.
 */
function cpuProcesses(ext) {
  const self = { pid: process.pid, label: process.env.COUCHDB_URL ? 'node (the route)' : 'node (stand-in, route)' };
  return () => [self, ...profileProcesses(ext.profileDir).map(({ pid, role }) => ({ pid, label: `${role} ${pid}` }))];
}

/** The mean of two steps' busy times, process by process and thread by thread. */
function meanBusy(a, b) {
  const mean = (x, y) =>
    new Map([...new Set([...x.keys(), ...y.keys()])].map((k) => [k, ((x.get(k) ?? 0) + (y.get(k) ?? 0)) / 2]));
  return { byProcess: mean(a.byProcess, b.byProcess), byThread: mean(a.byThread, b.byThread) };
}

/** Where the CPU went in the bare read, the bare store and the pull (ms), and the floors. */
function logCpu(bench, run, { before, after, storeCpu, storeMs, pullCpu, cpu, pulled, overlapFloor, bareMs }) {
  const total = (step) => [...step.byProcess.values()].reduce((sum, ms) => sum + ms, 0);
  const ms = (value) => round(value, 0);
  const line = (label, step, wall) =>
    `${label}: ${ms(wall)} ms wall, CPU ${ms(total(step))} ms (${describeBusy(step.byProcess, 4)}; longest thread ${cpuFloor(step).thread.label} ${ms(cpuFloor(step).thread.ms)})`;
  bench.log(`run ${run + 1}, CPU time (ms) of the stand-in's process and the pulling profile's:`);
  bench.log(`  ${line('bare read before', before.cpu, before.value)}`);
  bench.log(`  ${line('bare read after', after.cpu, after.value)}`);
  bench.log(`  ${line('bare store', storeCpu, storeMs)}`);
  bench.log(`  ${line('pull', pullCpu, pulled.ms)}`);
  const pullOwn = cpuFloor(pullCpu);
  bench.log(
    `  CPU floor of reading and storing on 2 cores: ${ms(cpu.ms)} ms = max(longest thread ${cpu.thread.label} ${ms(cpu.thread.ms)}, total ${ms(cpu.total)} / 2) (with the longest process, ${cpu.process.label} ${ms(cpu.process.ms)}, in place of the thread: ${ms(cpu.byProcessMs)}); the pull's own CPU ${ms(pullOwn.total)} (floor ${ms(pullOwn.ms)})`,
  );
  const physical = Math.max(overlapFloor, cpu.ms);
  const best = bareMs / physical;
  bench.log(
    `  the physical floor is the ${overlapFloor >= cpu.ms ? 'overlap' : 'CPU'} floor, ${ms(physical)} ms (overlap ${ms(overlapFloor)}, CPU ${ms(cpu.ms)}): the pull ratio could reach ${round(best, 3)}× at best, so 0.5× is ${best >= 0.5 ? 'within' : 'out of'} reach; the pull (${ms(pulled.ms)} ms) reaches ${round(cpu.ms / pulled.ms, 3)} of the CPU floor and ${round(physical / pulled.ms, 3)} of the physical floor`,
  );
}

export const workspaceSync = {
  name: 'workspace-sync-ratio',
  unit: '×',
  budget: 0.5,
  prepare: (bench) => prepareProfiles(bench, ['lead', 'fresh']),
  async measure(bench) {
    const ws = await workspaceBench(bench);
    try {
      const { couch } = ws;
      // A fresh profile for each run's pull: nothing in its database, no checkpoints. The first
      // one is launched and its page made ready beside the lead's, before anything is timed.
      const freshPage = async (ext) => ({ ext, page: await syncPage(bench, ext) });
      const [page, firstFresh] = await bench.phase('profiles opened', () =>
        Promise.all([
          ws.profile('lead', 'lead').then((lead) => syncPage(bench, lead)),
          ws.profile('fresh', 'fresh').then(freshPage),
        ]),
      );
      const { partnership, counts } = await bench.phase('seeded', () =>
        page.evaluate((size) => globalThis.__ppSyncBench.seed(size), SYNC_DATASET),
      );
      bench.log(`seeded ${JSON.stringify(counts)}`);
      // With the default purpose tags the database starts with.
      const seeded = Object.values(counts).reduce((a, b) => a + b, 0);
      const workspace = (prefix) => ({
        url: couch.url,
        admin: couch.admin,
        config: {
          prefix,
          partnerships: [{ ...partnership, leads: [LEAD.name] }],
          users: [{ name: LEAD.name, role: 'lead', password: LEAD.password }],
        },
      });
      const dbs = (prefix) => [`${prefix}directory`, `${prefix}p-${partnership.id}`];
      const target = (prefix) => ({
        prefix,
        partnershipIds: [partnership.id],
        user: LEAD.name,
      });

      const push = { sync: [], bare: [] };
      const pull = { sync: [], bare: [], floor: [], cpuFloor: [], physical: [] };
      for (let run = 0; run < RUNS; run += 1) {
        const [synced, bare] = [`bench-sync-${run}-`, `bench-bare-${run}-`];
        await ws.initWorkspace(workspace(synced));
        await ws.initWorkspace(workspace(bare));
        await signIn(page, couch.url);

        const pushed = await page.evaluate(
          ([s, t]) => globalThis.__ppSyncBench.sync(s, t),
          [couch.url, target(synced)],
        );
        if (pushed.pushed < seeded) throw new Error(`The sync pushed ${pushed.pushed} of ${seeded} records`);
        const records = pushed.pushed;
        const pairs = dbs(synced).map((name, i) => [name, dbs(bare)[i]]);
        const bulk = await page.evaluate(([s, p]) => globalThis.__ppSyncBench.bareBulk(s, p), [couch.url, pairs]);
        if (bulk.written !== records) throw new Error(`Bare _bulk_docs wrote ${bulk.written} of ${records} records`);
        bench.log(
          `run ${run + 1}: push ${round(pushed.ms, 1)} ms (${pushed.requests} requests, ${round(pushed.network, 1)} ms), bare _bulk_docs ${round(bulk.ms, 1)} ms`,
        );
        push.sync.push(pushed.ms);
        push.bare.push(bulk.ms);

        const fresh = run === 0 ? firstFresh : await freshPage(await ws.profile('fresh'));
        const pullPage = fresh.page;
        await signIn(pullPage, couch.url);
        // The CPU time of the stand-in's process (this one: the stand-in and the route to it run
        // here) and of every process of the pulling profile, over each step below.
        const processes = cpuProcesses(fresh.ext);
        const metered = async (step) => {
          const meter = cpuMeter(processes);
          const value = await step();
          return { value, cpu: meter.stop() };
        };
        // The bare read just before the pull and again just after it: on a shared machine the load
        // moves within a run, and the pull is compared with the mean of the two around it.
        const bareRead = async () => {
          const read = await pullPage.evaluate(
            ([s, n]) => globalThis.__ppSyncBench.bareAllDocs(s, n),
            [couch.url, dbs(synced)],
          );
          if (read.rows !== records) throw new Error(`Bare _all_docs read ${read.rows} of ${records} records`);
          return read.ms;
        };
        const before = await metered(bareRead);
        const bareBefore = before.value;
        const profiler = process.env.PP_BENCH_PROFILE ? await startProfile(pullPage) : undefined;
        const { value: pulled, cpu: pullCpu } = await metered(() =>
          pullPage.evaluate(
            ([s, t, trace]) => globalThis.__ppSyncBench.sync(s, t, trace),
            [couch.url, target(synced), Boolean(process.env.PP_BENCH_PROFILE)],
          ),
        );
        if (profiler) {
          bench.log(`pull profile (self ms):\n    ${(await profiler()).join('\n    ')}`);
          bench.log(`pull timeline (ms from its start):\n    ${pulled.timeline.map(timelineLine).join('\n    ')}`);
        }
        const after = await metered(bareRead);
        const bareAfter = after.value;
        // What the bare read just after the pull read, stored.
        const { value: floor, cpu: storeCpu } = await metered(() =>
          pullPage.evaluate(() => globalThis.__ppSyncBench.bareStore()),
        );
        if (floor.rows < seeded) throw new Error(`The bare store kept ${floor.rows} of ${seeded} records`);
        // The fresh profile has the default purpose tags already: they are not written again.
        if (pulled.pulled < seeded) throw new Error(`The sync pulled ${pulled.pulled} of ${seeded} records`);
        const bareMs = (bareBefore + bareAfter) / 2;
        bench.log(
          `run ${run + 1}: pull ${round(pulled.ms, 1)} ms (${pulled.requests} requests, ${round(pulled.network, 1)} ms), bare _all_docs ${round(bareMs, 1)} ms (${round(bareBefore, 1)} before, ${round(bareAfter, 1)} after), bare store ${round(floor.ms, 1)} ms`,
        );
        // Neither reading nor storing can be skipped: the pull takes at least the longer of the two.
        const overlapFloor = Math.max(bareMs, floor.ms);
        // Nor can their CPU time: the bare read's (the mean of the two) and the bare store's, on
        // two cores, at best spread over both.
        const cpu = cpuFloor(addUp(meanBusy(before.cpu, after.cpu), storeCpu));
        logCpu(bench, run, { before, after, storeCpu, storeMs: floor.ms, pullCpu, cpu, pulled, overlapFloor, bareMs });
        pull.floor.push(overlapFloor);
        pull.cpuFloor.push(cpu.ms);
        // The physical floor: the higher of the two, each a time the pull cannot beat.
        pull.physical.push(Math.max(overlapFloor, cpu.ms));
        pull.sync.push(pulled.ms);
        pull.bare.push(bareMs);
        if (run === 0) await ws.release('fresh');
        else await pullPage.context().close();
      }
      const ms = (values) => round(median(values), 1);
      bench.log(`push: sync ${ms(push.sync)} ms, bare _bulk_docs ${ms(push.bare)} ms (medians of ${RUNS})`);
      bench.log(`pull: sync ${ms(pull.sync)} ms, bare _all_docs ${ms(pull.bare)} ms (medians of ${RUNS})`);
      return [
        atLeast('workspace-push-ratio', round(median(push.bare) / median(push.sync), 3), this.unit, this.budget),
        atLeast('workspace-pull-ratio', round(median(pull.bare) / median(pull.sync), 3), this.unit, this.budget),
        // What the ratio can reach at best: the longer of the bare read and the bare store.
        informational('workspace-pull-floor-ratio', round(median(pull.bare) / median(pull.floor), 3), this.unit),
        // The best the pull ratio could be on two cores: the bare read over the CPU-bound floor.
        informational('workspace-pull-cpu-floor-ratio', round(median(pull.bare) / median(pull.cpuFloor), 3), this.unit),
        // The pull against each floor, and (budgeted) against the physical one, the higher of the
        // two: its checks, merge and checkpoints cost at most half again.
        informational(
          'workspace-pull-over-overlap-floor-ratio',
          round(median(pull.floor) / median(pull.sync), 3),
          this.unit,
        ),
        informational(
          'workspace-pull-over-cpu-floor-ratio',
          round(median(pull.cpuFloor) / median(pull.sync), 3),
          this.unit,
        ),
        atLeast(
          'workspace-pull-over-floor-ratio',
          round(median(pull.physical) / median(pull.sync), 3),
          this.unit,
          0.667,
        ),
      ];
    } finally {
      await ws.stop();
    }
  },
};
