import { useModel } from '@preact/signals';
import { useState } from 'preact/hooks';
import type { Organisation, Person, Pulse, Seat } from '../../utils/db/records';
import { canWithdraw } from '../../utils/pulse/seat-changes';
import { inviteUrl } from '../../utils/pulse/invite';
import { inviteForPulse } from '../../utils/pulse/pulse-invite';
import { mailMergeLines, mailtoHref, sortSeats } from '../../utils/pulse/seat-list';
import { WidgetHostModel } from '../../utils/settings/model';
import { formatNumber } from '../../utils/i18n/format';
import { t, type MessageKey } from '../../utils/i18n/messages';
import { CheckCode } from './CheckCode';
import { plural } from '../../utils/i18n/plural';

/**
 * A personal-link pulse's links, one per seat: "Copy all" as "name – link" lines for a mail
 * merge, and per person a copy button (for a private chat message) and a mailto: with the link
 * in the body. Shows how many seats have answered, never which answer. While the pulse is open
 * (`onWithdraw` given), an unused seat can be withdrawn; a seat that has answered cannot, and its
 * line says that its answer stays.
 */
export function SeatLinks(props: {
  pulse: Pulse;
  seats: readonly Seat[];
  partnershipName: string;
  organisations: readonly Organisation[];
  people: readonly Person[];
  /** Withdraw an unused seat (the pulse is open); absent once it has closed. */
  onWithdraw?: (seat: Seat) => Promise<MessageKey>;
}) {
  const { pulse, partnershipName, organisations, people, onWithdraw } = props;
  const host = useModel(WidgetHostModel).host.value;
  const [status, setStatus] = useState<{ key: MessageKey; name?: string } | null>(null);
  /** Asking to confirm a withdrawal: the seat's id. */
  const [confirming, setConfirming] = useState<string | null>(null);
  const organisationName = (id: string) => organisations.find((o) => o.id === id)?.name ?? '';
  const seats = sortSeats(props.seats, organisationName);
  const linkFor = (seat: Seat) =>
    host
      ? inviteUrl(
          host,
          inviteForPulse(pulse, partnershipName, { token: seat.token, label: organisationName(seat.organisationId) }),
        )
      : null;
  /** A remembered address of this person at this organisation, for the mailto: recipient. */
  const emailOf = (seat: Seat) =>
    people.find(
      (p) =>
        p.organisationId === seat.organisationId && p.displayNames.includes(seat.name) && p.deletedAt === undefined,
    )?.emails[0];

  const copy = async (text: string, done: { key: MessageKey; name?: string }) => {
    try {
      await navigator.clipboard.writeText(text);
      setStatus(done);
    } catch {
      setStatus({ key: 'copyFailed' });
    }
  };

  const withdrawControls = (seat: Seat) => {
    if (seat.answeredBy !== undefined) return <p class="hint seat-answered">{t('seatAnsweredStays', seat.name)}</p>;
    if (!canWithdraw(seat, seats, true)) return null;
    if (confirming !== seat.id) {
      return (
        <>
          {' '}
          <button type="button" class="link" onClick={() => setConfirming(seat.id)}>
            {t('seatWithdrawOne', seat.name)}
          </button>
        </>
      );
    }
    return (
      <div class="seat-withdraw-confirm" role="group" aria-label={t('seatWithdrawOne', seat.name)}>
        <p>{t('seatWithdrawConfirm', seat.name)}</p>
        <button
          type="button"
          onClick={() =>
            void onWithdraw!(seat).then((key) => {
              setConfirming(null);
              setStatus({ key, name: seat.name });
            })
          }
        >
          {t('seatWithdrawYes', seat.name)}
        </button>{' '}
        <button type="button" onClick={() => setConfirming(null)}>
          {t('seatWithdrawNo')}
        </button>
      </div>
    );
  };

  const answered = seats.filter((seat) => seat.answeredBy !== undefined).length;
  return (
    <section class="seat-links" aria-labelledby={`seat-links-${pulse.id}`}>
      <h3 id={`seat-links-${pulse.id}`}>{t('seatLinksHeading')}</h3>
      <p class="seats-answered">
        {plural('seatsAnswered', seats.length, formatNumber(answered), formatNumber(seats.length))}
      </p>
      {host === null && <p class="hint">{t('seatsNoHost')}</p>}
      {host && (
        <>
          <button
            type="button"
            aria-describedby={`seat-copy-all-${pulse.id}`}
            onClick={() =>
              void copy(mailMergeLines(seats.map((seat) => ({ name: seat.name, link: linkFor(seat)! }))), {
                key: 'seatLinksCopied',
              })
            }
          >
            {t('seatCopyAll')}
          </button>
          <p class="hint" id={`seat-copy-all-${pulse.id}`}>
            {t('seatCopyAllHint')}
          </p>
          <ul class="seat-list">
            {seats.map((seat) => {
              const link = linkFor(seat)!;
              const id = `seat-link-${seat.id}`;
              return (
                <li key={seat.id} data-seat={seat.name}>
                  <div class="field">
                    <label for={id}>
                      {t('seatLinkLabel', seat.name)}{' '}
                      <span class="hint">({organisationName(seat.organisationId)})</span>
                    </label>
                    <input id={id} type="text" readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
                  </div>
                  <button type="button" onClick={() => void copy(link, { key: 'linkCopied' })}>
                    {t('seatCopyOne', seat.name)}
                  </button>{' '}
                  <a
                    href={mailtoHref({
                      to: emailOf(seat),
                      subject: t('seatMailSubject', partnershipName),
                      body: t('seatMailBody', seat.name, link),
                    })}
                  >
                    {t('seatEmailOne', seat.name)}
                  </a>
                  {onWithdraw && withdrawControls(seat)}
                </li>
              );
            })}
          </ul>
        </>
      )}
      <CheckCode publicKey={pulse.publicKeyJwk} />
      {status && (
        <p class="status" role="status">
          {t(status.key, status.name ?? '')}
        </p>
      )}
    </section>
  );
}
