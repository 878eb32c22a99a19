import { useEffect, useState } from 'preact/hooks';
import type { PulseDatabase } from '../utils/db/schema';
import type { MeetingFormValues } from '../utils/meeting-form/form';
import { createMeetingFormModel, type MeetingFormModel } from '../utils/models/meeting-form';

/** The form model for a draft key: its saved draft if there is one, else `initial()`. */
export function useFormModel(
  db: PulseDatabase,
  draftKey: string,
  initial: () => MeetingFormValues | Promise<MeetingFormValues>,
): MeetingFormModel | null {
  const [model, setModel] = useState<MeetingFormModel | null>(null);
  useEffect(() => {
    let current = true;
    setModel(null);
    void createMeetingFormModel(db, draftKey, initial).then((created) => {
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
