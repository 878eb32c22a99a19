import type { CalendarSnapshot } from '../../utils/platforms/snapshot';
import type { PulseDatabase } from '../../utils/db/schema';
import type { RecordsModel } from '../../utils/models/records';
import { findMeetingByCallKey, listMeetingsByCallKey } from '../../utils/db/meetings';
import { withCallSeries } from '../../utils/meeting/form/series';
import { formFromCalendarEvent, formFromMeeting, type MeetingFormValues } from '../../utils/meeting/form/form';
import { sameOccasion } from '../../utils/meeting/form/occasion';
import { t } from '../../utils/i18n/messages';
import { formatDateTime, formatNumber } from '../../utils/i18n/format';
import { MeetingEditor } from '../meeting/MeetingEditor';
import { useDraft } from '../shared/hooks/useDraft';
import { plural } from '../../utils/i18n/plural';

/** A calendar event: tag it before the meeting; the call is matched to it later by its link. */
export function CalendarView(props: {
  db: PulseDatabase;
  records: RecordsModel;
  snapshot: CalendarSnapshot;
  defaultPartnershipId: string;
}) {
  const event = props.snapshot.event;
  if (!event) {
    return (
      <p class="notice" role="status">
        {props.snapshot.recognised ? t('calendarNoEvent') : t('calendarUnreadable')}
      </p>
    );
  }
  return <PlannedMeeting key={`${event.callKey ?? event.title}|${event.start}`} {...props} event={event} />;
}

function PlannedMeeting(props: {
  db: PulseDatabase;
  records: RecordsModel;
  event: NonNullable<CalendarSnapshot['event']>;
  defaultPartnershipId: string;
}) {
  const { db, records, event, defaultPartnershipId } = props;
  const start = event.start ? Date.parse(event.start) : NaN;
  const withoutEmail = event.guests.filter((guest) => !guest.email).length;
  const form = useDraft<MeetingFormValues>(
    db,
    `event:${event.callKey ?? event.title}|${event.start ?? ''}`,
    async () => {
      const existing = event.callKey ? await findMeetingByCallKey(db, event.callKey, start) : undefined;
      if (existing && !Number.isNaN(start) && sameOccasion(existing.startAt, start)) return formFromMeeting(existing);
      const fresh = formFromCalendarEvent(event, Date.now(), defaultPartnershipId);
      if (!event.callKey || Number.isNaN(start)) return fresh;
      return withCallSeries(fresh, await listMeetingsByCallKey(db, event.callKey), start);
    },
  );
  return (
    <section aria-labelledby="event-heading">
      <h2 id="event-heading">{event.title}</h2>
      <p class="meta">
        {Number.isNaN(start) ? t('eventTimeUnknown') : formatDateTime(start)}
        {' · '}
        {plural('eventGuests', event.guests.length, formatNumber(event.guests.length))}
        {withoutEmail > 0 && ` · ${plural('eventGuestsWithoutEmail', withoutEmail, formatNumber(withoutEmail))}`}
      </p>
      {event.callLink ? (
        <p class="meta">{t('eventCallLink', event.callLink)}</p>
      ) : (
        <p class="meta">{t('eventNoCallLink')}</p>
      )}
      {form ? <MeetingEditor db={db} records={records} form={form} /> : <p>{t('loading')}</p>}
    </section>
  );
}
