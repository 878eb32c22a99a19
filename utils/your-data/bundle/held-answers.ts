import { readSecretsRaw } from '../../db/pulse-secrets';
import { getMany } from '../../db/raw-store';
import type { PulseResponse } from '../../db/records';
import { ProblemList } from './problems';
import { recordLabel, sameContent } from './validate';

/**
 * The answers to a pulse whose private key is held here (the lead's own pulse) arrive only as
 * sealed codes, through the checks of utils/pulse/collect.ts (seat tokens, the shared link's cap,
 * the late queue). A file must not add answers to such a pulse, nor change what one says: answers
 * of known value added to a group of one would lift it over the threshold and give the real answer
 * away by subtraction, and clearing `heldSince` would release a late answer alone. A deletion is
 * left to the preview's consent (plan.ts). Every response here stays stored by its id, discarded
 * ones as tombstones, so a backup of this browser never holds an answer it lacks.
 */

/** What an answer says and how it counts: never replaced by an import where the pulse's key is held. */
export const HELD_ANSWER_FIELDS = [
  'answers',
  'partnerType',
  'organisationId',
  'comment',
  'verified',
  'seatId',
  'heldSince',
] as const;

/** Refuses, naming each response and field, answers a file adds or changes on a held pulse. Throws ImportRejected. */
export async function checkHeldPulseAnswers(
  tx: IDBTransaction,
  responses: readonly PulseResponse[],
  fileName: string,
): Promise<void> {
  if (responses.length === 0) return;
  const problems = new ProblemList(fileName);
  const pulseIds = [...new Set(responses.map((r) => r.pulseId))];
  const secrets = await readSecretsRaw(tx, pulseIds);
  const held = new Set(pulseIds.filter((id) => secrets.get(id)?.privateKey !== undefined));
  if (held.size === 0) return;
  const indexes = responses.flatMap((r, index) => (held.has(r.pulseId) && r.deletedAt === undefined ? [index] : []));
  const stored = await getMany<PulseResponse>(
    tx.objectStore('responses'),
    indexes.map((i) => responses[i]!.id),
  );
  indexes.forEach((index, at) => {
    const incoming = responses[index]!;
    const here = stored[at];
    const record = recordLabel('responses', index, incoming);
    if (!here) {
      problems.add({ record, field: 'id' }, 'bundle_problem_heldPulseAnswer');
      return;
    }
    if (incoming.updatedAt <= here.updatedAt) return;
    for (const field of HELD_ANSWER_FIELDS) {
      if (!sameContent(incoming[field], here[field])) {
        problems.add({ record, field }, 'bundle_problem_heldPulseAnswer');
      }
    }
  });
  problems.throwIfAny();
}
