import type { PulseDatabase } from '../../utils/db/schema';
import type { RecordsModel } from '../../utils/models/records';
import { getMeeting } from '../../utils/db/meetings';
import { emptyForm, formFromMeeting, type MeetingFormValues } from '../../utils/meeting/form/form';
import { t } from '../../utils/i18n/messages';
import { MeetingEditor } from './MeetingEditor';
import { useDraft } from '../shared/hooks/useDraft';
import { useFocusOnMount } from '../shared/hooks/useFocusOnMount';

/** A meeting entered by hand (no id) or a logged meeting being edited. */
export function EditMeeting(props: {
  db: PulseDatabase;
  records: RecordsModel;
  meetingId: string | null;
  defaultPartnershipId: string;
  /** Opened from an action elsewhere (Edit on the list): the heading takes the focus. */
  focusHeading?: boolean;
  onDone: () => void;
}) {
  const { db, records, meetingId, defaultPartnershipId, onDone } = props;
  const heading = useFocusOnMount<HTMLHeadingElement>(!!props.focusHeading);
  const form = useDraft<MeetingFormValues>(db, meetingId ? `meeting:${meetingId}` : 'new', async () => {
    const meeting = meetingId ? await getMeeting(db, meetingId) : undefined;
    return meeting ? formFromMeeting(meeting) : emptyForm(Date.now(), defaultPartnershipId);
  });
  return (
    <section aria-labelledby="edit-heading">
      <h2 id="edit-heading" tabIndex={-1} ref={heading}>
        {meetingId ? t('editMeetingHeading') : t('newMeetingHeading')}
      </h2>
      {form ? <MeetingEditor db={db} records={records} form={form} onSaved={onDone} /> : <p>{t('loading')}</p>}
    </section>
  );
}
