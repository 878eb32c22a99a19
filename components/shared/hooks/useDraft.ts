import { useEffect, useState } from 'preact/hooks';
import type { PulseDatabase } from '../../../utils/db/schema';
import { openDraft, type DraftModel } from '../../../utils/models/draft';

/** The draft model for a key: its saved draft if there is one, else `initial()`; null while loading. */
export function useDraft<T>(db: PulseDatabase, draftKey: string, initial: () => T | Promise<T>): DraftModel<T> | null {
  const [model, setModel] = useState<DraftModel<T> | null>(null);
  useEffect(() => {
    let current = true;
    let opened: DraftModel<T> | undefined;
    setModel(null);
    void openDraft(db, draftKey, initial).then((created) => {
      opened = created;
      if (current) setModel(created);
      else created[Symbol.dispose]();
    });
    return () => {
      current = false;
      opened?.[Symbol.dispose]();
    };
    // `initial` is only read when the key changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [db, draftKey]);
  return model;
}
