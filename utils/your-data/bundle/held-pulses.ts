import type { Bundle } from './format';
import { checkHeldPulseAnswers } from './held-answers';
import { checkProtectedPulses } from './protected-pulses';

/**
 * Every check a file must pass for the pulses whose private key is held here (the lead's own):
 * their protected fields, then their answers. The plan runs it and the apply again in its own
 * transaction (a pulse may have been started here since the plan), so a check added here holds
 * for both. Throws ImportRejected.
 */
export async function checkHeldPulses(
  tx: IDBTransaction,
  bundle: Pick<Bundle, 'pulses' | 'responses'>,
  fileName: string,
): Promise<void> {
  await checkProtectedPulses(tx, bundle.pulses, fileName);
  await checkHeldPulseAnswers(tx, bundle.responses, fileName);
}
