import { beforeAll, describe, expect, it } from 'vitest';
import { closePulseDb } from '../../../../utils/db/open';
import type { Pulse } from '../../../../utils/db/records';
import type { PulseDatabase } from '../../../../utils/db/schema';
import type { Bundle } from '../../../../utils/your-data/bundle/format';
import { checkHeldPulses } from '../../../../utils/your-data/bundle/held-pulses';
import { generatePulseKeys } from '../../../../utils/pulse/keys';
import { demoDb, exportText, holdKey, refusedBy } from './helpers';

// The one check the plan and the apply both run for the lead's own pulses: each refusal it is
// made of comes through it, so neither caller can hold one check and miss another.

let bundle: Bundle;
let pulseId: string;

beforeAll(async () => {
  bundle = JSON.parse(await exportText(await demoDb('held-export'))) as Bundle;
  pulseId = bundle.pulses[0]!.id;
  await closePulseDb();
});

/** The sample data, with the first pulse's private key held here. */
async function leadDb(): Promise<PulseDatabase> {
  const db = await demoDb('held-lead');
  await holdKey(db, pulseId);
  return db;
}

/** What checkHeldPulses refuses in `file`, or [] when it lets it through. */
const refused = (db: PulseDatabase, file: Bundle) => refusedBy(db, (tx) => checkHeldPulses(tx, file, 'held.json'));

const copy = (): Bundle => structuredClone(bundle);

describe('checkHeldPulses', () => {
  it("lets the lead's own file through unchanged", async () => {
    expect(await refused(await leadDb(), copy())).toEqual([]);
  });

  it('refuses a protected field of a held pulse changed by a newer copy (the protected-pulse check)', async () => {
    const file = copy();
    const pulse = file.pulses.find((p) => p.id === pulseId)!;
    pulse.publicKeyJwk = (await generatePulseKeys()).publicKeyJwk as Pulse['publicKeyJwk'];
    pulse.updatedAt += 1;
    const problems = await refused(await leadDb(), file);
    expect(problems.map((p) => [p.field, p.file])).toEqual([['publicKeyJwk', 'held.json']]);
    expect(problems[0]!.record).toContain(`id ${pulseId}`);
  });

  it('refuses an answer a file adds to a held pulse (the held-answer check)', async () => {
    const file = copy();
    const model = file.responses.find((r) => r.pulseId === pulseId)!;
    file.responses.push({ ...model, id: crypto.randomUUID() });
    const problems = await refused(await leadDb(), file);
    expect(problems.map((p) => [p.record?.split(' ')[0], p.field])).toEqual([
      [`responses[${file.responses.length - 1}]`, 'id'],
    ]);
    expect(problems[0]!.message).toContain('arrive only as sealed codes');
  });

  it('refuses neither where no private key is held (a coordinator)', async () => {
    const file = copy();
    const model = file.responses.find((r) => r.pulseId === pulseId)!;
    file.responses.push({ ...model, id: crypto.randomUUID() });
    file.pulses.find((p) => p.id === pulseId)!.threshold = 1;
    file.pulses.find((p) => p.id === pulseId)!.updatedAt += 1;
    expect(await refused(await demoDb('held-coordinator'), file)).toEqual([]);
  });
});
