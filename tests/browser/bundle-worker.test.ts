import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { EXTENSION_DIR } from '../harness';
import { storeCounts } from '../harness/db';
import { useExtension } from '../harness/vitest';

// The bundle worker in a real extension page: built by Vite into the extension, reading files,
// planning and applying imports and exporting, while the page's own thread stays free. The
// user-facing flows (Export data / Import data) are tested in the dashboard's data tests.

const ext = useExtension();

const workerPath = (() => {
  const file = readdirSync(path.join(EXTENSION_DIR, 'assets')).find((name) => /^bundle\.worker-.*\.js$/.test(name));
  if (!file) throw new Error('The build has no bundle worker in assets/');
  return `/assets/${file}`;
})();

const T = Date.UTC(2026, 0, 1);
const id = (prefix: string, n: number) => `${prefix}-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** A small database's worth of records: one partnership, one member, `count` meetings. */
function records(count: number) {
  const stamp = (recordId: string) => ({ id: recordId, createdAt: T, updatedAt: T });
  const cadence = { coreMinDays: 28, coreMaxDays: 42, widerDays: 91, reviewDays: 365 };
  return {
    partnerships: [{ ...stamp(id('00000001', 1)), name: 'Hardship <b>fund</b>', startDate: '2025-01-01', cadence }],
    organisations: [{ ...stamp(id('00000002', 1)), name: 'Age UK Northmoor', emailDomains: ['ageuk.example'] }],
    memberships: [
      {
        ...stamp(id('00000003', 1)),
        partnershipId: id('00000001', 1),
        organisationId: id('00000002', 1),
        partnerType: 'core',
        joinedOn: '2025-01-01',
      },
    ],
    meetings: Array.from({ length: count }, (_, i) => ({
      ...stamp(id('00000004', i)),
      partnershipId: id('00000001', 1),
      status: 'held',
      platform: 'meet',
      title: `Core meeting ${i}`,
      startAt: T + i * 3_600_000,
      kind: 'core',
      purposeTagIds: [],
      agenda: 'yes',
      attendees: [{ displayName: 'Sam', organisationId: id('00000002', 1) }],
      organisationIds: [id('00000002', 1)],
      decisions: '',
      notes: 'Notes '.repeat(20),
    })),
  };
}

type Reply = { type: string; [key: string]: unknown };

/**
 * In the page: starts the worker, sends the requests one after another (a request that is a
 * string is the JSON text of a file to preview), and resolves with every reply but progress,
 * the number of progress replies, how long each request took, and the longest gap between
 * ticks of a 10 ms timer on the page's thread meanwhile.
 */
function run(page: Page, requests: unknown[]) {
  return page.evaluate(
    async ({ workerPath, requests }) => {
      const worker = new Worker(workerPath, { type: 'module' });
      const replies: Reply[] = [];
      const durations: number[] = [];
      let progress = 0;
      let last = performance.now();
      let longestGap = 0;
      const timer = setInterval(() => {
        const now = performance.now();
        longestGap = Math.max(longestGap, now - last);
        last = now;
      }, 10);
      for (const request of requests) {
        const message =
          typeof request === 'string'
            ? { type: 'preview-file', file: new File([request], 'bundle.json'), fileName: 'bundle.json', app: 'test' }
            : request;
        const sent = performance.now();
        const reply = await new Promise<Reply>((resolve) => {
          worker.onmessage = (event: MessageEvent<Reply>) => {
            if (event.data.type === 'progress') progress += 1;
            else resolve(event.data);
          };
          worker.postMessage(message);
        });
        durations.push(performance.now() - sent);
        if (reply.type === 'exported') {
          const text = await (reply.blob as Blob).text();
          replies.push({ type: 'exported', fileName: reply.fileName, text });
        } else replies.push(reply);
      }
      clearInterval(timer);
      worker.terminate();
      return { replies, progress, longestGap, durations };
    },
    { workerPath, requests },
  );
}

const counts = (page: Page) => storeCounts(page, ['partnerships', 'organisations', 'memberships', 'meetings']);

describe('the bundle worker in an extension page', () => {
  it('previews, applies and exports a bundle, refuses a bad one with its problems, and leaves the page free', async () => {
    const page = await ext().context.newPage();
    // A quiet extension page: no view there reacts to the changes the imports announce.
    await page.goto(ext().extensionUrl('pulse.html'));

    const bundle = {
      format: 'partnership-pulse',
      version: 1,
      exportedAt: '2026-01-02T00:00:00.000Z',
      app: 'test',
      scope: 'all',
      people: [],
      purposeTags: [],
      pulses: [],
      responses: [],
      ...records(2_000),
    };
    const text = JSON.stringify(bundle);
    const imported = await run(page, [text, { type: 'apply', choices: { mergeOrganisations: {} } }]);
    const [planned, applied] = imported.replies as [
      Reply & { plan: { counts: Record<string, { add: number }> } },
      Reply,
    ];
    expect(planned.type).toBe('planned');
    expect(planned.plan.counts.meetings!.add).toBe(2_000);
    expect(applied).toMatchObject({ type: 'applied', result: { written: 2_003 } });
    expect(imported.progress).toBeGreaterThanOrEqual(5);
    expect(await counts(page)).toEqual({ partnerships: 1, organisations: 1, memberships: 1, meetings: 2_000 });
    // The worker did the work: the page's own timer kept ticking through the preview (reading,
    // parsing and checking the file, which would block the page for most of that time).
    expect(imported.longestGap).toBeLessThan(imported.durations[0]! / 2);

    // The same file again: nothing to add.
    const again = await run(page, [text]);
    expect(
      (again.replies[0] as unknown as { plan: { counts: Record<string, { unchanged: number }> } }).plan.counts.meetings!
        .unchanged,
    ).toBe(2_000);

    const exported = await run(page, [{ type: 'export', scope: 'all', app: 'test' }]);
    const file = exported.replies[0] as Reply & { text: string; fileName: string };
    expect(file.fileName).toMatch(/^partnership-pulse-\d{4}-\d{2}-\d{2}\.json$/);
    const back = JSON.parse(file.text) as typeof bundle;
    expect(back.meetings).toEqual(bundle.meetings);
    expect(back.partnerships).toEqual(bundle.partnerships);

    const bad = JSON.stringify({ ...bundle, meetings: [{ ...bundle.meetings[0], startAt: 'soon' }] });
    const refused = await run(page, [bad]);
    expect(refused.replies[0]).toEqual({
      type: 'rejected',
      problems: [
        expect.objectContaining({
          file: 'bundle.json',
          record: `meetings[0] (id ${bundle.meetings[0]!.id})`,
          field: 'startAt',
          // Worded in the worker from the extension's messages, not left as a key.
          message: 'Expected a time in epoch milliseconds between 1970 and 2100, found "soon".',
          key: 'bundle_problem_notTime',
          subs: ['"soon"'],
        }),
      ],
    });
    await page.close();
  }, 180_000);
});
