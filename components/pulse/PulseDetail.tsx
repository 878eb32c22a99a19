import { useEffect, useState } from 'preact/hooks';
import type { Meeting, Pulse, PulseResponse } from '../../utils/db/records';
import type { PulseDatabase } from '../../utils/db/schema';
import type { RecordsModel } from '../../utils/models/records';
import { closePulse } from '../../utils/db/pulses';
import { listResponses } from '../../utils/db/responses';
import { listSeats } from '../../utils/db/seats';
import { inviteForPulse } from '../../utils/pulse/pulse-invite';
import { formatRelative } from '../../utils/pulse/time-left';
import { formatNumber } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/messages';
import { PulseLink } from './PulseLink';
import { SeatLinks } from './SeatLinks';
import { PasteCodes } from './PasteCodes';
import { QuickRound } from './QuickRound';
import { PulseResults } from './PulseResults';
import { useLiveQuery } from '../shared/hooks/useLiveQuery';

/** One pulse: the link for partners, its live state, the ways to collect answers, and its results. */
export function PulseDetail(props: {
  db: PulseDatabase;
  records: RecordsModel;
  pulse: Pulse;
  meeting: Meeting | undefined;
}) {
  const { db, records, pulse, meeting } = props;
  const responses: PulseResponse[] = useLiveQuery(() => listResponses(db, pulse.id), ['responses'], pulse.id) ?? [];
  // Read before either link is shown: a personal-link pulse never shows a shared link.
  const seats = useLiveQuery(() => listSeats(db, pulse.id), ['seats'], pulse.id);
  const [now, setNow] = useState(Date.now());

  // The time left, kept current while the panel is open.
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);

  const partnership = records.partnerships.value.find((p) => p.id === pulse.partnershipId);
  const invite = inviteForPulse(pulse, partnership?.name ?? '');
  const open = now <= pulse.expiresAt;
  const memberships = records.memberships.value.filter((m) => m.partnershipId === pulse.partnershipId);
  // The quick round is for the organisations present (the invited ones, for a pulse over a period).
  const present = meeting ? pulse.invitedOrganisationIds.filter((id) => meeting.organisationIds.includes(id)) : [];
  const roundIds = present.length > 0 ? present : pulse.invitedOrganisationIds;
  const roundOrganisations = roundIds.flatMap((id) => records.organisations.value.filter((o) => o.id === id));

  return (
    <div class="pulse-detail">
      <p class="live-state" role="status">
        <span class="response-count">
          {t('pulseResponsesState', formatNumber(responses.length), formatNumber(pulse.invitedOrganisationIds.length))}
        </span>
        {' · '}
        <span class="time-left">
          {open
            ? t('pulseClosesIn', formatRelative(pulse.expiresAt, now))
            : t('pulseClosedAgo', formatRelative(pulse.expiresAt, now))}
        </span>
      </p>
      {seats === undefined ? null : seats.length > 0 ? (
        <SeatLinks
          pulse={pulse}
          seats={seats}
          partnershipName={partnership?.name ?? ''}
          organisations={records.organisations.value}
          people={records.people.value}
        />
      ) : (
        <PulseLink pulse={pulse} invite={invite} partnershipName={partnership?.name ?? ''} />
      )}
      <PasteCodes db={db} pulseId={pulse.id} />
      <QuickRound db={db} pulseId={pulse.id} organisations={roundOrganisations} memberships={memberships} />
      {open ? (
        // Results that moved with every answer would let anyone watching work out single answers.
        <p class="hint results-pending">{t('resultsWhenClosed')}</p>
      ) : (
        <PulseResults pulse={pulse} responses={responses} organisations={records.organisations.value} />
      )}
      {open && (
        <button type="button" class="link" onClick={() => void closePulse(db, pulse.id)}>
          {t('closePulseNow')}
        </button>
      )}
    </div>
  );
}
