import { useEffect, useState } from 'preact/hooks';
import type { Meeting, Pulse, PulseResponse } from '../../utils/db/records';
import type { PulseDatabase } from '../../utils/db/schema';
import type { RecordsModel } from '../../utils/models/records';
import { closePulse } from '../../utils/db/pulses';
import { listResponses } from '../../utils/db/responses';
import { isHeld } from '../../utils/db/records';
import { inviteForPulse } from '../../utils/pulse/pulse-invite';
import { isReleased, LATE_GRACE_MS, releaseAt } from '../../utils/pulse/release';
import { isSharedLinkPulse, partnerTypesOf, sharedLinkCap } from '../../utils/pulse/shared-link';
import { formatRelative } from '../../utils/pulse/time-left';
import { formatDateTime, formatNumber } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/messages';
import { PulseLink } from './PulseLink';
import { PasteCodes } from './PasteCodes';
import { QuickRound } from './QuickRound';
import { PulseResults } from './PulseResults';
import { LateQueue } from './LateQueue';
import { useLiveQuery } from '../shared/hooks/useLiveQuery';

/** One pulse: the link for partners, its live state, the ways to collect answers, and its results. */
export function PulseDetail(props: {
  db: PulseDatabase;
  records: RecordsModel;
  pulse: Pulse;
  meeting: Meeting | undefined;
}) {
  const { db, records, pulse, meeting } = props;
  const stored: PulseResponse[] =
    useLiveQuery(() => listResponses(db, pulse.id, { held: true }), ['responses'], pulse.id) ?? [];
  // The late queue counts nowhere until the lead adds it (LateQueue).
  const responses = stored.filter((r) => !isHeld(r));
  const queue = stored.filter(isHeld);
  const [now, setNow] = useState(Date.now());

  // The time left, kept current while the panel is open.
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);

  const partnership = records.partnerships.value.find((p) => p.id === pulse.partnershipId);
  const invite = inviteForPulse(pulse, partnership?.name ?? '');
  const open = now <= pulse.expiresAt;
  const released = isReleased(pulse, now);
  const memberships = records.memberships.value.filter((m) => m.partnershipId === pulse.partnershipId);
  // Every pulse is answered through its shared link until it has personal-link seats.
  const shared = isSharedLinkPulse();
  const cap = sharedLinkCap(pulse, partnerTypesOf(memberships));
  // The quick round is for the organisations present (the invited ones, for a pulse over a period).
  const present = meeting ? pulse.invitedOrganisationIds.filter((id) => meeting.organisationIds.includes(id)) : [];
  const roundIds = present.length > 0 ? present : pulse.invitedOrganisationIds;
  const roundOrganisations = roundIds.flatMap((id) => records.organisations.value.filter((o) => o.id === id));

  return (
    <div class="pulse-detail">
      {shared && (
        <p class="shared-link-badge" data-shared-link="">
          <strong>{t('sharedLinkBadge')}</strong>{' '}
          <span class="hint">
            {t('sharedLinkCap', formatNumber(cap.lead), formatNumber(cap.core), formatNumber(cap.wider))}
          </span>
        </p>
      )}
      {(pulse.refusedOverCap ?? 0) > 0 && (
        <p class="notice shared-link-refused" role="status">
          {t('sharedLinkRefused', formatNumber(pulse.refusedOverCap ?? 0))}
        </p>
      )}
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
      <PulseLink pulse={pulse} invite={invite} partnershipName={partnership?.name ?? ''} />
      <PasteCodes db={db} pulseId={pulse.id} />
      <QuickRound db={db} pulseId={pulse.id} organisations={roundOrganisations} memberships={memberships} />
      {open ? (
        // Results that moved with every answer would let anyone watching work out single answers.
        <p class="hint results-pending">{t('resultsWhenClosed')}</p>
      ) : !released ? (
        <p class="hint results-pending late-grace">
          {t('lateGrace', formatDateTime(releaseAt(pulse)), formatNumber(LATE_GRACE_MS / 60_000))}
        </p>
      ) : (
        <>
          <LateQueue db={db} pulse={pulse} queue={queue} />
          <PulseResults pulse={pulse} responses={responses} organisations={records.organisations.value} />
        </>
      )}
      {open && (
        <button type="button" class="link" onClick={() => void closePulse(db, pulse.id)}>
          {t('closePulseNow')}
        </button>
      )}
    </div>
  );
}
