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
  if (pulses.length === 0) return;
  const ids = pulses.map((p) => p.id);
  const [stored, secrets] = await Promise.all([
    getMany<StoredPulse>(tx.objectStore('pulses'), ids),
    readSecretsRaw(tx, ids),
  ]);
  const problems = new ProblemList(fileName);
  pulses.forEach((incoming, index) => {
    const here = stored[index];
    if (!here || secrets.get(here.id)?.privateKey === undefined || incoming.updatedAt <= here.updatedAt) return;
    for (const field of PROTECTED_PULSE_FIELDS) {
      if (sameContent(incoming[field], here[field])) continue;
      problems.add({ record: recordLabel('pulses', index, incoming), field }, 'bundle_problem_protectedPulse', field);
    }
  });
  problems.throwIfAny();
}
