import { useEffect, useRef, useState } from 'preact/hooks';
import type { Meeting } from '../../utils/db/records';
import type { PulseDatabase } from '../../utils/db/schema';
import type { RecordsModel } from '../../utils/models/records';
import { deleteMeeting, listMeetings, restoreMeeting } from '../../utils/db/meetings';
import { t } from '../../utils/i18n/messages';
import { formatDateTime, formatNumber } from '../../utils/i18n/format';
import { agendaLabel, kindLabel } from '../../utils/i18n/labels';
import { markReady } from '../../utils/perf/ready';
import { useFocusOnMount } from '../shared/hooks/useFocusOnMount';
import { useLiveQuery } from '../shared/hooks/useLiveQuery';
import { plural } from '../../utils/i18n/plural';

const PAGE_SIZE = 50;

/** The latest logged meetings, to edit or delete (with undo). */
export function MeetingList(props: {
  db: PulseDatabase;
  records: RecordsModel;
  onEdit: (id: string) => void;
  /** Start a pulse check for a held meeting (the Pulses section). */
  onStartPulse?: (id: string) => void;
  /** Shown after the form that was saved: the heading takes the focus. */
  focusHeading?: boolean;
}) {
  const { db, records, onEdit, onStartPulse } = props;
  const meetings = useLiveQuery(() => listMeetings(db, { limit: PAGE_SIZE }), ['meetings'], db) ?? null;
  const [deleted, setDeleted] = useState<Meeting | null>(null);
  // The restored meeting, whose Delete button takes the focus back once it is listed again.
  const [restoredId, setRestoredId] = useState<string | null>(null);
  const heading = useFocusOnMount<HTMLHeadingElement>(!!props.focusHeading);
  const undoButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (meetings) markReady();
  }, [meetings]);

  // The Delete button pressed is gone with its meeting: the focus goes to Undo, the next thing to do.
  useEffect(() => {
    if (deleted) undoButton.current?.focus();
  }, [deleted]);

  // Undo is gone with the notice once the restored meeting is listed again: the focus goes back to
  // where it was, on that meeting, before the notice (and the focused Undo) goes.
  useEffect(() => {
    if (!restoredId || !meetings?.some((m) => m.id === restoredId)) return;
    (document.getElementById(`delete-meeting-${restoredId}`) ?? heading.current)?.focus();
    setDeleted(null);
    setRestoredId(null);
  }, [restoredId, meetings, heading]);

  const partnershipName = (id: string) => records.partnerships.value.find((p) => p.id === id)?.name ?? '';

  const remove = async (meeting: Meeting) => {
    await deleteMeeting(db, meeting.id);
    setDeleted(meeting);
  };
  const undo = async () => {
    if (!deleted) return;
    await restoreMeeting(db, deleted.id);
    setRestoredId(deleted.id);
  };

  return (
    <section aria-labelledby="meetings-heading">
      <h2 id="meetings-heading" tabIndex={-1} ref={heading}>
        {t('meetingsHeading')}
      </h2>
      {deleted && (
        <div class="undo" role="status">
          <span>{t('meetingDeleted', deleted.title)}</span>
          <button type="button" ref={undoButton} onClick={() => void undo()}>
            {t('undo')}
          </button>
        </div>
      )}
      {meetings === null ? (
        <p>{t('loading')}</p>
      ) : meetings.length === 0 ? (
        <p>{t('meetingsEmpty')}</p>
      ) : (
        <ul class="meeting-list">
          {meetings.map((meeting) => (
            <li key={meeting.id}>
              <div class="meeting-summary">
                <strong>{meeting.title}</strong>
                <span class="meta">
                  {formatDateTime(meeting.startAt)} · {partnershipName(meeting.partnershipId)}
                </span>
                <span class="meta">
                  {kindLabel(meeting.kind)} · {t('agendaShort', agendaLabel(meeting.agenda))} ·{' '}
                  {plural(
                    'organisationsCount',
                    meeting.organisationIds.length,
                    formatNumber(meeting.organisationIds.length),
                  )}
                  {meeting.status === 'planned' && ` · ${t('plannedBadge')}`}
                </span>
              </div>
              <div class="actions">
                <button type="button" onClick={() => onEdit(meeting.id)}>
                  {t('edit')}
                  <span class="visually-hidden"> {meeting.title}</span>
                </button>
                {onStartPulse && meeting.status === 'held' && (
                  <button type="button" onClick={() => onStartPulse(meeting.id)}>
                    {t('startPulse')}
                    <span class="visually-hidden"> {meeting.title}</span>
                  </button>
                )}
                <button type="button" id={`delete-meeting-${meeting.id}`} onClick={() => void remove(meeting)}>
                  {t('delete')}
                  <span class="visually-hidden"> {meeting.title}</span>
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
