import { beforeAll, describe, expect, it } from 'vitest';
import { closePulseDb } from '../../../../utils/db/open';
import type { PulseResponse } from '../../../../utils/db/records';
import type { Bundle } from '../../../../utils/your-data/bundle/format';
import { parseBundle } from '../../../../utils/your-data/bundle/read';
import { LATE_GRACE_MS } from '../../../../utils/pulse/release';
import { demoDb, editBundle, expectRejected, exportText, importText } from './helpers';

// The attacker's side of every time a bundle carries. A time that has happened (a record's
// stamps, an answer's arrival, a pulse closed by hand, a person seen in a call, an error logged)
// cannot lie more than a day after this computer's clock; a time that may lie ahead (a planned
// meeting, a pulse's close, its period) may. An answer arrives between its pulse's start and its
// close plus the grace, unless it waits in the late queue. Each refusal names the record and the
// field, and the database is exactly as before (expectRejected compares databaseDigest).

const FUTURE = Date.UTC(2099, 0, 1);
const DAY = 24 * 60 * 60 * 1000;

let text: string;

beforeAll(async () => {
  text = await exportText(await demoDb('export'));
  await closePulseDb();
});

/** The index and record of the first live answer in the bundle, and its pulse. */
function firstAnswer(b: Bundle) {
  const index = b.responses.findIndex((r) => r.deletedAt === undefined);
  const response = b.responses[index]!;
  const pulse = b.pulses.find((p) => p.id === response.pulseId)!;
  return { index, response, pulse };
}

/** The one problem of a refused bundle, after checking it names `responses[index]` and `field`. */
async function refusedOnce(forged: string, label: string, record: string, field: string) {
  const problems = await expectRejected(await demoDb(label), forged);
  expect(problems.map((p) => [p.record?.startsWith(record), p.field])).toEqual([[true, field]]);
  return problems[0]!;
}

describe('times that have happened, refused from the future (more than a day after now)', () => {
  it("a response's arrival (receivedAt) in 2099 is refused, naming the response and the field", async () => {
    let at = 0;
    const forged = editBundle(text, (b) => {
      const { index, response } = firstAnswer(b);
      at = index;
      response.receivedAt = FUTURE;
    });
    const problem = await refusedOnce(forged, 'received', `responses[${at}]`, 'receivedAt');
    expect(problem.message).toContain('2099-01-01T00:00:00.000Z');
    expect(problem.message).toContain('more than a day after');
  });

  it("a response's answer time (createdAt), late-queue mark (heldSince) or deletion (deletedAt) in 2099 is refused", async () => {
    for (const field of ['createdAt', 'heldSince', 'deletedAt'] as const) {
      let at = 0;
      const forged = editBundle(text, (b) => {
        const { index, response } = firstAnswer(b);
        at = index;
        (response as PulseResponse)[field] = FUTURE;
      });
      await refusedOnce(forged, `response-${field}`, `responses[${at}]`, field);
    }
  });

  it("any record's createdAt in 2099 is refused (a partnership, a meeting, a pulse)", async () => {
    for (const store of ['partnerships', 'meetings', 'pulses'] as const) {
      const forged = editBundle(text, (b) => (b[store][0]!.createdAt = FUTURE));
      await refusedOnce(forged, `created-${store}`, `${store}[0]`, 'createdAt');
    }
  });

  it('a pulse closed by hand (releasedAt) in 2099 is refused: it would never release', async () => {
    const forged = editBundle(text, (b) => (b.pulses[0]!.releasedAt = FUTURE));
    await refusedOnce(forged, 'released', 'pulses[0]', 'releasedAt');
  });

  it("a person seen in a call (an attendee's lastSeenAt) in 2099 is refused, naming the attendee", async () => {
    let at = 0;
    const forged = editBundle(text, (b) => {
      at = b.meetings.findIndex((m) => m.attendees.length > 0);
      b.meetings[at]!.attendees[0]!.lastSeenAt = FUTURE;
    });
    await refusedOnce(forged, 'seen', `meetings[${at}]`, 'attendees[0].lastSeenAt');
  });

  it("an error log entry's time in 2099 is refused", () => {
    const forged = editBundle(text, (b) => {
      b.errorLog = [{ at: FUTURE, page: 'dashboard', message: 'TypeError', version: '0.1.0' }];
    });
    expect(() => parseBundle(forged, 'log.json')).toThrow(/errorLog\[0\]\.at.*more than a day after/s);
  });
});

describe('times that may lie ahead, accepted', () => {
  it("a planned meeting next month (startAt, endAt) and an open pulse's close and period (expiresAt, periodEnd) import", async () => {
    const ahead = Date.now() + 30 * DAY;
    const planned = editBundle(text, (b) => {
      const meeting = b.meetings[0]!;
      meeting.status = 'planned';
      meeting.startAt = ahead;
      meeting.endAt = ahead + 60 * 60 * 1000;
      meeting.updatedAt += 1;
      const pulse = b.pulses[0]!;
      pulse.expiresAt = ahead;
      pulse.periodEnd = ahead;
      pulse.updatedAt += 1;
    });
    const db = await demoDb('ahead');
    await importText(db, planned);
    const { meetings, pulses } = JSON.parse(planned) as Bundle;
    expect((await db.get('meetings', meetings[0]!.id))!.startAt).toBe(ahead);
    expect((await db.get('pulses', pulses[0]!.id))!.expiresAt).toBe(ahead);
  });
});

describe("an answer's arrival within its pulse's time", () => {
  it('before its pulse started is refused, naming the response and the field', async () => {
    let at = 0;
    const forged = editBundle(text, (b) => {
      const { index, response, pulse } = firstAnswer(b);
      at = index;
      response.receivedAt = pulse.createdAt - 1;
    });
    const problem = await refusedOnce(forged, 'before', `responses[${at}]`, 'receivedAt');
    expect(problem.message).toContain('before its pulse started');
  });

  it('after its close and the grace, not held in the late queue, is refused (it would move a released figure alone)', async () => {
    let at = 0;
    const forged = editBundle(text, (b) => {
      const { index, response, pulse } = firstAnswer(b);
      at = index;
      response.receivedAt = pulse.expiresAt + LATE_GRACE_MS + 1;
    });
    const problem = await refusedOnce(forged, 'after', `responses[${at}]`, 'receivedAt');
    expect(problem.message).toContain('late queue');
  });

  it('the same late arrival held in the late queue (heldSince) imports, and so does one at the close plus the grace', async () => {
    for (const held of [true, false]) {
      const id = crypto.randomUUID();
      let receivedAt = 0;
      const late = editBundle(text, (b) => {
        const { response, pulse } = firstAnswer(b);
        receivedAt = pulse.expiresAt + LATE_GRACE_MS + (held ? 1 : 0);
        const added = { ...response, id, receivedAt, createdAt: receivedAt, updatedAt: receivedAt };
        b.responses.push(held ? { ...added, heldSince: receivedAt } : added);
      });
      const db = await demoDb(`late-${held}`);
      await importText(db, late);
      expect((await db.get('responses', id))?.receivedAt).toBe(receivedAt);
    }
  });

  it('checked against the pulse stored here when the file does not carry it', async () => {
    let at = 0;
    const forged = editBundle(text, (b) => {
      const { index, response, pulse } = firstAnswer(b);
      at = b.responses.filter((r, i) => i < index && r.pulseId === pulse.id).length;
      response.receivedAt = pulse.createdAt - DAY;
      b.responses = b.responses.filter((r) => r.pulseId === pulse.id);
      b.pulses = [];
    });
    await refusedOnce(forged, 'stored-pulse', `responses[${at}]`, 'receivedAt');
  });

  it("an earlier survey's answer (source import) may precede the pulse made for it, within the pulse's period", async () => {
    const imported = editBundle(text, (b) => {
      const { response, pulse } = firstAnswer(b);
      pulse.periodStart = pulse.createdAt - 20 * DAY;
      pulse.updatedAt += 1;
      response.source = 'import';
      response.receivedAt = pulse.createdAt - 10 * DAY;
      response.updatedAt += 1;
    });
    await expect(importText(await demoDb('survey'), imported)).resolves.toBeDefined();
    const early = editBundle(imported, (b) => {
      const { response, pulse } = firstAnswer(b);
      response.receivedAt = pulse.periodStart! - 1;
    });
    await expectRejected(await demoDb('survey-early'), early);
  });
});
