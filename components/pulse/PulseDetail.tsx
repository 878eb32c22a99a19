import { useModel } from '@preact/signals';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Meeting, Pulse, PulseResponse } from '../../utils/db/records';
import type { PulseDatabase } from '../../utils/db/schema';
import type { RecordsModel } from '../../utils/models/records';
import { closePulse } from '../../utils/db/pulses';
import { listResponses } from '../../utils/db/responses';
import { isHeld, isKnownOnlyFromWorkspace } from '../../utils/db/records';
import { listSeats } from '../../utils/db/seats';
import { inviteForPulse } from '../../utils/pulse/pulse-invite';
import { isReleased, LATE_GRACE_MS, releaseAt } from '../../utils/pulse/release';
import { isSharedLinkPulse, partnerTypesOf, sharedLinkCap } from '../../utils/pulse/shared-link';
import { formatRelative } from '../../utils/pulse/time-left';
import { liveCount } from '../../utils/pulse/live-count';
import { PulseClockModel } from '../../utils/pulse/pulse-clock';
import { formatDateTime, formatNumber } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/messages';
import { PulseLink } from './PulseLink';
import { SeatLinks } from './SeatLinks';
import { ChangeSeats } from './ChangeSeats';
import { PasteCodes } from './PasteCodes';
import { QuickRound } from './QuickRound';
import { PulseResults } from './PulseResults';
import { LateQueue } from './LateQueue';
import { DeletePulse } from './DeletePulse';
import { useLiveQuery } from '../shared/hooks/useLiveQuery';
import { useFeed } from '../shared/hooks/useFeed';
import { plural } from '../../utils/i18n/plural';

/**
 * One pulse. Open: its live state with "Close the pulse now" on top, then the ways to collect
 * answers. Closed: its results first, and the collection tools folded away behind one disclosure.
 * Another lead's pulse, known here through the workspace without its private key: a plain note
 * that its codes open and its results are made on that lead's computer, its partner link, and no
 * paste box, quick round, count or results of its own. Which lead's pulse it is follows the one
 * rule (isKnownOnlyFromWorkspace): the lead's own pulse restored from a backup (its answers and
 * totals here, its key left on the computer that started it) keeps its count and results, with a
 * note in place of the paste box.
 */
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
  // What the threshold counts, and apart from it what it does not (utils/pulse/live-count.ts).
  const count = liveCount(stored);
  // Read before either link is shown: a personal-link pulse never shows a shared link.
  const seats = useLiveQuery(() => listSeats(db, pulse.id), ['seats'], pulse.id);
  // The time left, and a timer for the moment the pulse expires.
  const clock = useModel(() => new PulseClockModel(pulse.expiresAt));
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const closedHere = useRef(false);
  // Closed by hand here: released at once, before the stored record reaches this view.
  const [releasedHere, setReleasedHere] = useState<number | undefined>(undefined);

  // Closed in another panel, or the stored record caught up with this one.
  useFeed(clock.setExpiresAt, pulse.expiresAt);

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
    setReleasedHere(closed.releasedAt);
    clock.setExpiresAt(closed.expiresAt);
    // Its published result for the workspace's coordinators; loaded on demand, not with the panel.
    void import('../../utils/sync/published-pages').then((pages) => pages.publishNow(db));
  };

  const partnership = records.partnerships.value.find((p) => p.id === pulse.partnershipId);
  const invite = inviteForPulse(pulse, partnership?.name ?? '');
  const releasedAt = pulse.releasedAt ?? releasedHere;
  const released = isReleased({ expiresAt, ...(releasedAt !== undefined ? { releasedAt } : {}) }, now);
  const memberships = records.memberships.value.filter((m) => m.partnershipId === pulse.partnershipId);
  // Answered through the shared link unless it has personal-link seats.
  const shared = seats !== undefined && isSharedLinkPulse(seats);
  const cap = sharedLinkCap(pulse, partnerTypesOf(memberships), seats);
  // The quick round is for the organisations present (the invited ones, for a pulse over a period).
  const present = meeting ? pulse.invitedOrganisationIds.filter((id) => meeting.organisationIds.includes(id)) : [];
  const roundIds = present.length > 0 ? present : pulse.invitedOrganisationIds;
  const roundOrganisations = roundIds.flatMap((id) => records.organisations.value.filter((o) => o.id === id));

  const timeLeft = (
    <span class="time-left">
      {open ? t('pulseClosesIn', formatRelative(expiresAt, now)) : t('pulseClosedAgo', formatRelative(expiresAt, now))}
    </span>
  );

  // Another lead's pulse (through the workspace): its answers can be opened only where its key is.
  if (isKnownOnlyFromWorkspace(pulse)) {
    return (
      <div class="pulse-detail" data-state={open ? 'open' : 'closed'} data-no-key="">
        <p class="notice pulse-no-key" role="status">
          {t('pulseNoKey')}
        </p>
        <p class="live-state">{timeLeft}</p>
        {open && <PulseLink pulse={pulse} invite={invite} partnershipName={partnership?.name ?? ''} />}
        <DeletePulse db={db} pulseId={pulse.id} answers={stored.length} held={queue.length} />
      </div>
    );
  }

  const collection = (
    <>
      {seats === undefined ? null : seats.length > 0 ? (
        <>
          <SeatLinks
            db={db}
            pulse={pulse}
            seats={seats}
            partnershipName={partnership?.name ?? ''}
            organisations={records.organisations.value}
            people={records.people.value}
            open={open}
          />
          {open && (
            <ChangeSeats
              db={db}
              pulse={pulse}
              seats={seats}
              organisations={records.organisations.value}
              memberships={memberships}
              people={records.people.value}
            />
          )}
        </>
      ) : (
        <PulseLink pulse={pulse} invite={invite} partnershipName={partnership?.name ?? ''} />
      )}
      {pulse.privateKey !== undefined ? (
        <PasteCodes db={db} pulseId={pulse.id} />
      ) : (
        <p class="notice pulse-key-elsewhere" role="status">
          {t('pulseKeyElsewhere')}
        </p>
      )}
      <QuickRound
        db={db}
        pulseId={pulse.id}
        organisations={roundOrganisations}
        memberships={memberships}
        personalLinks={seats !== undefined && seats.length > 0}
      />
    </>
  );

  return (
    <div class="pulse-detail" data-state={open ? 'open' : 'closed'}>
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
          {plural('sharedLinkRefused', pulse.refusedOverCap ?? 0, formatNumber(pulse.refusedOverCap ?? 0))}
        </p>
      )}
      <p class="live-state" role="status">
        <span class="response-count">
          {t('pulseResponsesState', formatNumber(count.verified), formatNumber(pulse.invitedOrganisationIds.length))}
        </span>
        {count.unverified > 0 && (
          <>
            {' '}
            <span class="response-unverified">{t('pulseResponsesUnverified', formatNumber(count.unverified))}</span>
          </>
        )}
        {' · '}
        {timeLeft}
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
      ) : !released ? (
        <>
          <p class="hint results-pending late-grace">
            {plural(
              'lateGrace',
              LATE_GRACE_MS / 60_000,
              formatDateTime(releaseAt({ expiresAt })),
              formatNumber(LATE_GRACE_MS / 60_000),
            )}
          </p>
          {collection}
        </>
      ) : (
        <>
          <LateQueue
            db={db}
            pulse={pulse}
            counted={responses}
            queue={queue}
            organisations={records.organisations.value}
          />
          <PulseResults
            pulse={pulse}
            responses={responses}
            organisations={records.organisations.value}
            headingRef={resultsHeading}
            sharedLink={shared}
          />
          <details class="collect-tools">
            <summary>{t('collectToolsSummary')}</summary>
            {collection}
          </details>
        </>
      )}
      <DeletePulse db={db} pulseId={pulse.id} answers={stored.length} held={queue.length} />
    </div>
  );
}
