import { useModel } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { Meeting, Pulse, PulseResponse } from '../../utils/db/records';
import type { PulseDatabase } from '../../utils/db/schema';
import type { RecordsModel } from '../../utils/models/records';
import { closePulse } from '../../utils/db/pulses';
import { listResponses } from '../../utils/db/responses';
import { listSeats } from '../../utils/db/seats';
import { inviteForPulse } from '../../utils/pulse/pulse-invite';
import { formatRelative } from '../../utils/pulse/time-left';
import { PulseClockModel } from '../../utils/pulse/pulse-clock';
import { formatNumber } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/messages';
import { PulseLink } from './PulseLink';
import { SeatLinks } from './SeatLinks';
import { PasteCodes } from './PasteCodes';
import { QuickRound } from './QuickRound';
import { PulseResults } from './PulseResults';
import { useLiveQuery } from '../shared/hooks/useLiveQuery';

/**
 * One pulse. Open: its live state with "Close the pulse now" on top, then the ways to collect
 * answers. Closed: its results first, and the collection tools folded away behind one disclosure.
 */
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
  // The time left, and a timer for the moment the pulse expires.
  const clock = useModel(() => new PulseClockModel(pulse.expiresAt));
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const closedHere = useRef(false);

  // Closed in another panel, or the stored record caught up with this one.
  useEffect(() => {
    clock.setExpiresAt(pulse.expiresAt);
  }, [clock, pulse.expiresAt]);

  const now = clock.now.value;
  const open = clock.open.value;
  const expiresAt = clock.expiresAt.value;

  // Closed from here: the focus goes to the results that took the button's place.
  useEffect(() => {
    if (open || !closedHere.current) return;
    closedHere.current = false;
    resultsHeading.current?.focus();
  }, [open]);

  const close = async () => {
    const closed = await closePulse(db, pulse.id);
    if (!closed) return;
    closedHere.current = true;
    clock.setExpiresAt(closed.expiresAt);
  };

  const partnership = records.partnerships.value.find((p) => p.id === pulse.partnershipId);
  const invite = inviteForPulse(pulse, partnership?.name ?? '');
  const memberships = records.memberships.value.filter((m) => m.partnershipId === pulse.partnershipId);
  // The quick round is for the organisations present (the invited ones, for a pulse over a period).
  const present = meeting ? pulse.invitedOrganisationIds.filter((id) => meeting.organisationIds.includes(id)) : [];
  const roundIds = present.length > 0 ? present : pulse.invitedOrganisationIds;
  const roundOrganisations = roundIds.flatMap((id) => records.organisations.value.filter((o) => o.id === id));

  const collection = (
    <>
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
    </>
  );

  return (
    <div class="pulse-detail" data-state={open ? 'open' : 'closed'}>
      <p class="live-state" role="status">
        <span class="response-count">
          {t('pulseResponsesState', formatNumber(responses.length), formatNumber(pulse.invitedOrganisationIds.length))}
        </span>
        {' · '}
        <span class="time-left">
          {open
            ? t('pulseClosesIn', formatRelative(expiresAt, now))
            : t('pulseClosedAgo', formatRelative(expiresAt, now))}
        </span>
      </p>
      {open ? (
        <>
          <div class="close-pulse">
            {/* Results that moved with every answer would let anyone watching work out single answers. */}
            <p class="hint results-pending">{t('resultsWhenClosed')}</p>
            <button type="button" class="link" onClick={() => void close()}>
              {t('closePulseNow')}
            </button>
          </div>
          {collection}
        </>
      ) : (
        <>
          <PulseResults
            pulse={pulse}
            responses={responses}
            organisations={records.organisations.value}
            headingRef={resultsHeading}
          />
          <details class="collect-tools">
            <summary>{t('collectToolsSummary')}</summary>
            {collection}
          </details>
        </>
      )}
    </div>
  );
}
