import { readSecretsRaw } from '../../db/pulse-secrets';
import { getMany } from '../../db/raw-store';
import type { StoredPulse } from '../../db/records';
import type { BundlePulse } from './format';
import { ProblemList } from './problems';
import { recordLabel, sameContent } from './validate';

/**
 * The protected-pulse check on its own, apart from the rest of the import plan (plan.ts), so
 * that code checking incoming pulses elsewhere carries only this.
 */

/** What a pulse's sealed answers depend on: never replaced by an import where its private key is held. */
export const PROTECTED_PULSE_FIELDS = ['publicKeyJwk', 'expiresAt', 'threshold', 'questions'] as const;

/**
 * A pulse whose private key is held here keeps its public key, expiry, threshold and questions:
 * an incoming copy that would replace it (a newer stamp) with any of them changed is refused,
 * naming the pulse and the field. (A swapped public key would seal the next answers to someone
 * else; a lower threshold would release groups the partners were promised stay hidden.)
 * Throws ImportRejected.
 */
export async function checkProtectedPulses(
  tx: IDBTransaction,
  pulses: readonly BundlePulse[],
  fileName: string,
): Promise<void> {
  const problems = new ProblemList(fileName);
  await refuseProtectedPulses(tx, pulses, problems);
  problems.throwIfAny();
}

/**
 * The check itself: adds a problem for each protected field an incoming pulse would replace, and
 * returns the ids of the pulses refused. `workspace` (a pulled pulse): an equal stamp counts as
 * replacing too (the workspace's merge settles equal stamps by content, so one could otherwise
 * win by its bytes), and the message speaks of the workspace rather than a file.
 */
export async function refuseProtectedPulses(
  tx: IDBTransaction,
  pulses: readonly BundlePulse[],
  problems: ProblemList,
  workspace = false,
): Promise<Set<string>> {
  const refused = new Set<string>();
  if (pulses.length === 0) return refused;
  const ids = pulses.map((p) => p.id);
  const [stored, secrets] = await Promise.all([
    getMany<StoredPulse>(tx.objectStore('pulses'), ids),
    readSecretsRaw(tx, ids),
  ]);
  pulses.forEach((incoming, index) => {
    const here = stored[index];
    if (!here || secrets.get(here.id)?.privateKey === undefined) return;
    if (incoming.updatedAt < here.updatedAt || (!workspace && incoming.updatedAt === here.updatedAt)) return;
    for (const field of PROTECTED_PULSE_FIELDS) {
      if (sameContent(incoming[field], here[field])) continue;
      const where = { record: recordLabel('pulses', index, incoming), field };
      problems.add(where, workspace ? 'syncProtectedPulse' : 'bundle_problem_protectedPulse', field);
      refused.add(incoming.id);
    }
  });
  return refused;
}
