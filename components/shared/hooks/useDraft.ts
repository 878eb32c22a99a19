import { useEffect, useState } from 'preact/hooks';
import type { PulseDatabase } from '../../../utils/db/schema';
import { createDraftModel, type DraftModel } from '../../../utils/models/draft';

/** The draft model for a key: its saved draft if there is one, else `initial()`; null while loading. */
export function useDraft<T>(db: PulseDatabase, draftKey: string, initial: () => T | Promise<T>): DraftModel<T> | null {
  const [model, setModel] = useState<DraftModel<T> | null>(null);
  useEffect(() => {
    let current = true;
    setModel(null);
    void createDraftModel(db, draftKey, initial).then((created) => {
      if (current) setModel(created);
    });
    return () => {
      current = false;
    };
    // `initial` is only read when the key changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [db, draftKey]);
  return model;
}
