// The workspace pull's CPU-bound floor is worked out from /proc: each process's and thread's
// utime + stime over a step. Its parsing, the process tree, and the floor's arithmetic must be
// right, or the figure it sets the budget against is wrong.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain .mjs bench module without type declarations
import * as cpuModule from '../../../scripts/bench/lib/cpu.mjs';

type Busy = { byProcess: Map<string, number>; byThread: Map<string, number> };
interface Cpu {
  parseStat(text: string, ticksPerSecond?: number): { pid: number; comm: string; ppid: number; ms: number };
  descendants(roots: number[], parentOf: Map<number, number>): number[];
  roleOf(cmdline: string): string;
  cpuFloor(
    busy: Busy,
    cores?: number,
  ): {
    total: number;
    ms: number;
    byProcessMs: number;
    process: { label: string; ms: number };
    thread: { label: string; ms: number };
  };
  addUp(...steps: Busy[]): Busy;
  cpuMeter(processes: () => { pid: number; label: string }[]): { stop(): Busy };
}
const cpu = cpuModule as Cpu;

/** A /proc/<pid>/stat line with the given command, parent, utime and stime (ticks). */
const statLine = (pid: number, comm: string, ppid: number, utime: number, stime: number) =>
  `${pid} (${comm}) S ${ppid} ${pid} ${pid} 0 -1 4194560 100 0 0 0 ${utime} ${stime} 0 0 20 0 7 0 12345 1000000 500 ...`;

const busy = (processes: [string, number][], threads: [string, number][] = []): Busy => ({
  byProcess: new Map(processes),
  byThread: new Map(threads),
});

describe('reading /proc stat lines', () => {
  it('reads the parent and utime + stime in ms', () => {
    expect(cpu.parseStat(statLine(42, 'node', 7, 150, 50), 100)).toEqual({ pid: 42, comm: 'node', ppid: 7, ms: 2000 });
  });

  it('counts fields from the last parenthesis: a command name with spaces and parentheses', () => {
    const parsed = cpu.parseStat(statLine(9, 'Chrome_ChildIOT) (x', 3, 10, 5), 100);
    expect(parsed).toEqual({ pid: 9, comm: 'Chrome_ChildIOT) (x', ppid: 3, ms: 150 });
  });

  it('refuses a line that is not a stat line', () => {
    expect(() => cpu.parseStat('not a stat line')).toThrow(/Not a \/proc stat line/);
    expect(() => cpu.parseStat('12 (x) S')).toThrow(/Not a \/proc stat line/);
  });
});

describe("a profile's processes", () => {
  it('finds every process below the roots, however deep, and nothing beside them', () => {
    const parentOf = new Map([
      [10, 1], // the browser
      [11, 10], // zygote
      [12, 11], // renderer under the zygote
      [13, 10], // utility
      [20, 1], // another profile's browser
      [21, 20],
    ]);
    expect(cpu.descendants([10], parentOf).sort()).toEqual([10, 11, 12, 13]);
  });

  it("names each process by Chromium's --type and utility service", () => {
    expect(cpu.roleOf('/usr/lib/chromium/chromium --user-data-dir=/tmp/p --no-sandbox')).toBe('browser');
    expect(cpu.roleOf('chromium --type=renderer --extension-process')).toBe('renderer');
    expect(cpu.roleOf('chromium --type=utility --utility-sub-type=storage.mojom.StorageService --lang=en')).toBe(
      'utility storage',
    );
    expect(cpu.roleOf('chromium --type=utility --utility-sub-type=network.mojom.NetworkService')).toBe(
      'utility network',
    );
  });
});

describe('the CPU-bound floor', () => {
  it('is the total over the cores when the work is spread', () => {
    const floor = cpu.cpuFloor(
      busy(
        [
          ['node', 1000],
          ['renderer', 900],
          ['browser', 700],
        ],
        [
          ['node: main', 950],
          ['renderer: main', 800],
        ],
      ),
    );
    expect(floor.total).toBe(2600);
    expect(floor.ms).toBe(1300);
    expect(floor.byProcessMs).toBe(1300);
    expect(floor.process).toEqual({ label: 'node', ms: 1000 });
  });

  it('is the longest thread when one thread does most of the work', () => {
    const floor = cpu.cpuFloor(
      busy(
        [
          ['renderer', 3000],
          ['node', 500],
        ],
        [['renderer: main', 2900]],
      ),
    );
    expect(floor.ms).toBe(2900);
    expect(cpu.cpuFloor(busy([['renderer', 3000]], [['renderer: main', 2900]]), 1).ms).toBe(3000);
  });

  it('is not the longest process when that process ran threads side by side', () => {
    // The browser process's IndexedDB work spread over its thread pool.
    const floor = cpu.cpuFloor(
      busy(
        [
          ['browser', 3100],
          ['renderer', 900],
          ['node', 1000],
        ],
        [
          ['browser: pool 1', 800],
          ['browser: pool 2', 790],
          ['browser: pool 3', 780],
          ['node: main', 950],
        ],
      ),
    );
    expect(floor.byProcessMs).toBe(3100);
    expect(floor.ms).toBe(2500);
    expect(floor.thread).toEqual({ label: 'node: main', ms: 950 });
  });

  it('adds up the same process and thread over two steps', () => {
    const read = busy(
      [
        ['node', 800],
        ['renderer', 300],
      ],
      [['renderer: main', 250]],
    );
    const store = busy(
      [
        ['renderer', 600],
        ['browser', 400],
      ],
      [['renderer: main', 500]],
    );
    const both = cpu.addUp(read, store);
    expect(Object.fromEntries(both.byProcess)).toEqual({ node: 800, renderer: 900, browser: 400 });
    const floor = cpu.cpuFloor(both);
    expect(floor.thread).toEqual({ label: 'renderer: main', ms: 750 });
    expect(floor.ms).toBe(1050);
  });
});

describe('metering a real process', () => {
  it("counts this process's CPU time as it counts itself, and not an idle child's", async () => {
    // An idle child, metered once it has started (its start-up is work).
    const idle = spawn(process.execPath, ['-e', "console.log('ready'); setTimeout(() => {}, 20000)"]);
    try {
      await new Promise((resolve) => idle.stdout.once('data', resolve));
      const meter = cpu.cpuMeter(() => [
        { pid: process.pid, label: 'self' },
        { pid: idle.pid!, label: 'idle' },
      ]);
      // 400 ms of this process's own CPU time, however loaded the machine.
      const start = process.cpuUsage();
      let spent = 0;
      while (spent < 400) {
        const used = process.cpuUsage(start);
        spent = (used.user + used.system) / 1000;
      }
      const { byProcess, byThread } = meter.stop();
      // Within /proc's ticks (10 ms) and this process's other threads (the collector).
      expect(byProcess.get('self')).toBeGreaterThanOrEqual(spent - 20);
      expect(byProcess.get('self')).toBeLessThan(spent + 150);
      expect(byProcess.get('idle')).toBeLessThan(30);
      const threads = [...byThread].filter(([label]) => label.startsWith('self: '));
      expect(Math.max(...threads.map(([, ms]) => ms))).toBeGreaterThanOrEqual(spent - 20);
    } finally {
      idle.kill();
    }
  });
});
