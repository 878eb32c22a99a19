// CPU time of the processes a figure's work runs in, read from /proc (Linux): each process's
// utime + stime (its threads', the exited ones included) and each live thread's, at the start
// and at the end of a step. The least wall time that work could take on the machine's cores
// (the CPU-bound floor) is then
//   max(the longest single thread's busy time, the total CPU time / the cores):
// a thread runs on one core at a time, and the work on no more cores than there are. The same
// with the longest *process* in place of the thread (`byProcessMs`) is no bound when a process
// runs threads side by side (Chromium's browser process spreads IndexedDB's work over its
// thread pool: 3.1 s of CPU, no thread over 0.8 s, in one pull's bare store and read).
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

/** Clock ticks per second of /proc's times (100 on Linux almost everywhere). */
const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * One line of /proc/<pid>/stat (or …/task/<tid>/stat): its pid, parent and CPU time (ms). The
 * command name is in parentheses and may hold spaces or parentheses itself: fields are counted
 * from the last ')'.
 */
export function parseStat(text, ticksPerSecond = TICKS_PER_SECOND) {
  const close = text.lastIndexOf(')');
  const open = text.indexOf('(');
  if (open < 0 || close < open) throw new Error(`Not a /proc stat line: ${text.slice(0, 80)}`);
  const rest = text
    .slice(close + 1)
    .trim()
    .split(/\s+/);
  // rest[0] is field 3 (state): ppid is field 4, utime 14, stime 15.
  const [ppid, utime, stime] = [rest[1], rest[11], rest[12]].map(Number);
  if (![ppid, utime, stime].every(Number.isFinite)) throw new Error(`Not a /proc stat line: ${text.slice(0, 80)}`);
  return {
    pid: Number(text.slice(0, open).trim()),
    comm: text.slice(open + 1, close),
    ppid,
    ms: ((utime + stime) * 1000) / ticksPerSecond,
  };
}

function readText(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined; // the process (or thread) has gone
  }
}

function statOf(file) {
  const text = readText(file);
  return text === undefined ? undefined : parseStat(text);
}

/** Every live process: pid → its parent's pid. */
function parents() {
  const map = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = statOf(`/proc/${name}/stat`);
    if (stat) map.set(stat.pid, stat.ppid);
  }
  return map;
}

/** `roots` and every process below them, from a map of pid → parent pid. */
export function descendants(roots, parentOf) {
  const found = new Set(roots);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of parentOf) {
      if (!found.has(pid) && found.has(ppid)) {
        found.add(pid);
        grew = true;
      }
    }
  }
  return [...found];
}

/** A Chromium process's role from its command line (`--type=renderer`, the utility's service…). */
export function roleOf(cmdline) {
  const type = /--type=([\w-]+)/.exec(cmdline)?.[1];
  if (!type) return 'browser';
  const service = /--utility-sub-type=([\w.]+)/.exec(cmdline)?.[1];
  return service ? `${type} ${service.replace(/\.mojom\./, ' ').split(' ')[0]}` : type;
}

/**
 * The processes of the Chromium profile in `profileDir` (its browser process, started with
 * `--user-data-dir=<profileDir>`, and every process below it), each with its role.
 */
export function profileProcesses(profileDir) {
  const parentOf = parents();
  const roots = [...parentOf.keys()].filter((pid) => {
    const cmdline = readText(`/proc/${pid}/cmdline`)?.split('\0') ?? [];
    return cmdline.includes(`--user-data-dir=${profileDir}`) && !/--type=/.test(cmdline.join(' '));
  });
  return descendants(roots, parentOf).map((pid) => ({
    pid,
    role: roleOf(readText(`/proc/${pid}/cmdline`)?.replaceAll('\0', ' ') ?? ''),
  }));
}

/** The CPU ms so far of each process and of each of its live threads. */
function snapshot(processes) {
  const taken = new Map();
  for (const { pid, label } of processes) {
    const stat = statOf(`/proc/${pid}/stat`);
    if (!stat) continue;
    const threads = new Map();
    for (const tid of readdirSafe(`/proc/${pid}/task`)) {
      const thread = statOf(`/proc/${pid}/task/${tid}/stat`);
      if (thread) threads.set(`${thread.comm} ${tid}`, thread.ms);
    }
    taken.set(pid, { label, ms: stat.ms, threads });
  }
  return taken;
}

function readdirSafe(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/**
 * Starts counting the CPU time of `processes()` (a list of { pid, label }, asked again at the
 * end so that a process started meanwhile counts from zero). `stop()` resolves to the busy ms
 * of each process (by label) and of each thread (by process label and thread), over the step.
 */
export function cpuMeter(processes) {
  const before = snapshot(processes());
  return {
    stop() {
      const after = snapshot(processes());
      const byProcess = new Map();
      const byThread = new Map();
      for (const [pid, end] of after) {
        const start = before.get(pid);
        byProcess.set(end.label, (byProcess.get(end.label) ?? 0) + end.ms - (start?.ms ?? 0));
        for (const [thread, ms] of end.threads) {
          byThread.set(`${end.label}: ${thread}`, ms - (start?.threads.get(thread) ?? 0));
        }
      }
      return { byProcess, byThread };
    },
  };
}

/** Steps' busy times added up, by process and by thread (the same process in two steps adds up). */
export function addUp(...steps) {
  const byProcess = new Map();
  const byThread = new Map();
  for (const step of steps) {
    for (const [label, ms] of step.byProcess) byProcess.set(label, (byProcess.get(label) ?? 0) + ms);
    for (const [label, ms] of step.byThread) byThread.set(label, (byThread.get(label) ?? 0) + ms);
  }
  return { byProcess, byThread };
}

/** The longest entry of a map of label → ms: { label, ms }. */
function longest(map) {
  let best = { label: '', ms: 0 };
  for (const [label, ms] of map) if (ms > best.ms) best = { label, ms };
  return best;
}

/**
 * The least wall time that work could take on `cores` cores, from its busy times (`ms`):
 * max(the longest thread's busy time, the total / cores). `byProcessMs` is the same with the
 * longest process, which bounds nothing when a process runs threads side by side.
 */
export function cpuFloor({ byProcess, byThread }, cores = 2) {
  const total = [...byProcess.values()].reduce((sum, ms) => sum + ms, 0);
  const process = longest(byProcess);
  const thread = longest(byThread);
  return {
    total,
    process,
    thread,
    ms: Math.max(thread.ms, total / cores),
    byProcessMs: Math.max(process.ms, total / cores),
  };
}

/** Busy times as a line: the largest first, in ms. */
export function describeBusy(map, top = 6) {
  return [...map]
    .filter(([, ms]) => ms > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([label, ms]) => `${label} ${Math.round(ms)}`)
    .join(', ');
}
