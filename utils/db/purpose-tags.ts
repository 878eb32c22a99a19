import type { PurposeTag } from './records';
import { BUILT_IN_PURPOSES } from './built-in-purposes';
import { listRecords, saveRecord } from './records-store';
import type { PulseDatabase } from './schema';

const builtInOrder = new Map<string, number>(BUILT_IN_PURPOSES.map(({ key }, index) => [key, index]));

/** The built-in tags in the domain brief's order, then the user's own by label. */
export async function listPurposeTags(
  db: PulseDatabase,
  options: { includeDeleted?: boolean } = {},
): Promise<PurposeTag[]> {
  const tags = await listRecords(db, 'purposeTags', options.includeDeleted);
  return tags.sort((a, b) => {
    const orderA = a.builtIn === undefined ? Infinity : (builtInOrder.get(a.builtIn) ?? Infinity);
    const orderB = b.builtIn === undefined ? Infinity : (builtInOrder.get(b.builtIn) ?? Infinity);
    return orderA - orderB || a.label.localeCompare(b.label);
  });
}

/** A tag of the user's own. Adding a label that already exists returns that tag instead of a twin. */
export async function addPurposeTag(db: PulseDatabase, label: string): Promise<PurposeTag> {
  const trimmed = label.replace(/\s+/g, ' ').trim();
  if (!trimmed) throw new RangeError('A purpose tag needs a label.');
  const same = (await listRecords(db, 'purposeTags')).find(
    (tag) => tag.label.localeCompare(trimmed, undefined, { sensitivity: 'accent' }) === 0,
  );
  return same ?? saveRecord(db, 'purposeTags', { label: trimmed });
}
