import { useComputed, type ReadonlySignal } from '@preact/signals';
import type { LiveCall } from '../../utils/meeting/attendance/live-call';
import type { PulseDatabase } from '../../utils/db/schema';
import type { RecordsModel } from '../../utils/models/records';
import { findMeetingByCallKey, listMeetingsByCallKey } from '../../utils/db/meetings';
import { listPeople } from '../../utils/db/people';
import { withCallSeries } from '../../utils/meeting/form/series';
import {
  formFromLiveCall,
  formFromMeeting,
  mergeLiveAttendees,
  type MeetingFormValues,
} from '../../utils/meeting/form/form';
import { formatNumber } from '../../utils/i18n/format';
import { toLocalInput } from '../../utils/time/local-time';
import { sameOccasion } from '../../utils/meeting/form/occasion';
import { t } from '../../utils/i18n/messages';
import { platformLabel } from '../../utils/i18n/labels';
import { MeetingEditor } from '../meeting/MeetingEditor';
import { useDraft } from '../shared/hooks/useDraft';
import { ReaderHealth, type ChatHealth } from './ReaderHealth';

/** The call in the panel's tab: who is here, and the form to log it. */
export function CallView(props: {
  db: PulseDatabase;
  records: RecordsModel;
  call: ReadonlySignal<LiveCall | undefined>;
  /** What the call's chat reader last said. */
  chat: ChatHealth;
  defaultPartnershipId: string;
}) {
  const { db, records, call, defaultPartnershipId } = props;
  const current = call.value!;
  // A recurring call reuses its link: one draft per link per day.
  const draftKey = `call:${current.callKey ?? `tab-${current.tabId}`}:${toLocalInput(current.startedAt).slice(0, 10)}`;
  const form = useDraft<MeetingFormValues>(db, draftKey, async () => {
    const existing = current.callKey ? await findMeetingByCallKey(db, current.callKey, current.startedAt) : undefined;
    if (existing && sameOccasion(existing.startAt, current.startedAt)) {
      // A meeting planned from the calendar, or logged earlier in this call. Its guests are joined
      // by the call against the remembered people (read now: the records model may not have them yet).
      return mergeLiveAttendees({ ...formFromMeeting(existing), status: 'held' }, current, await listPeople(db));
    }
    const fresh = formFromLiveCall(current, defaultPartnershipId);
    return current.callKey
      ? withCallSeries(fresh, await listMeetingsByCallKey(db, current.callKey), current.startedAt)
      : fresh;
  });
  const present = useComputed(() => call.value?.participants.filter((p) => p.present).length ?? 0);

  return (
    <section aria-labelledby="call-heading">
      <h2 id="call-heading">{current.title ?? platformLabel(current.platform)}</h2>
      <p class="meta">
        {platformLabel(current.platform)}
        {current.participantsReadable && ` · ${t('participantsPresent', formatNumber(present.value))}`}
      </p>
      <ReaderHealth call={call.value ?? current} present={present.value} chat={props.chat} />
      {form ? <MeetingEditor db={db} records={records} form={form} liveCall={call} /> : <p>{t('loading')}</p>}
    </section>
  );
}
