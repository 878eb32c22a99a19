import { storePublishedResults, type PublishedOutcome } from '../../db/published';
import type { PulseDatabase } from '../../db/schema';
import { ProblemList } from '../bundle/problems';
import { COORDINATOR_LIMITS } from './format';
import { parseCoordinatorFile } from './read';

/**
 * A coordinator export chosen on the coordinator's dashboard: its size checked before it is
 * read, every result checked (parseCoordinatorFile), then all stored in one transaction, or
 * none (ImportRejected says what and where).
 */
export async function importCoordinatorFile(
  db: PulseDatabase,
  file: Pick<File, 'name' | 'size' | 'text'>,
  now: number = Date.now(),
): Promise<PublishedOutcome & { results: number }> {
  if (file.size > COORDINATOR_LIMITS.fileBytes) {
    const problems = new ProblemList(file.name);
    const mb = (n: number) => String(Math.ceil(n / (1024 * 1024)));
    problems.add({}, 'bundle_problem_tooLarge', mb(file.size), mb(COORDINATOR_LIMITS.fileBytes));
    problems.throwIfAny();
  }
  const parsed = parseCoordinatorFile(await file.text(), file.name, now);
  const outcome = await storePublishedResults(db, parsed.publishedResults);
  return { ...outcome, results: parsed.publishedResults.length };
}
