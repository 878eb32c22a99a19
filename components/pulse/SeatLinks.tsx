import { useModel } from '@preact/signals';
import type { Organisation, Person, Pulse, Seat } from '../../utils/db/records';
import type { PulseDatabase } from '../../utils/db/schema';
import { canWithdraw } from '../../utils/pulse/seat-changes';
import { inviteUrl } from '../../utils/pulse/invite';
import { inviteForPulse } from '../../utils/pulse/pulse-invite';
import { mailMergeLines, mailtoHref, sortSeats } from '../../utils/pulse/seat-list';
import { isHandedOut, SeatLinksModel } from '../../utils/pulse/seat-links-model';
import { WidgetHostModel } from '../../utils/settings/model';
import { formatNumber } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/messages';
import { useFeed } from '../shared/hooks/useFeed';
import { useModelFor } from '../shared/hooks/useModelFor';
import { CheckCode } from './CheckCode';
import { plural } from '../../utils/i18n/plural';

/**
 * A personal-link pulse's links, one per seat: "Copy all" as "name – link" lines for a mail
 * merge, and per person a copy button (for a private chat message) and a mailto: with the link
 * in the body. Shows how many seats have answered, never which answer. While the pulse is open,
 * an unused seat can be withdrawn; a seat that has answered cannot, and its line says that its
 * answer stays.
 *
 * Copying or mailing a link hands it out (SeatLinksModel: the token is then dropped, and a seat
 * handed out already gets a new link, which the line says first).
 */
export function SeatLinks(props: {
  db: PulseDatabase;
  pulse: Pulse;
  seats: readonly Seat[];
  partnershipName: string;
  organisations: readonly Organisation[];
  people: readonly Person[];
  /** The pulse is open: an unused seat can be withdrawn. */
  open: boolean;
}) {
  const { db, pulse, partnershipName, organisations, people, open } = props;
  const host = useModel(WidgetHostModel).host.value;
  const model = useModelFor(() => new SeatLinksModel(db, pulse.id, props.seats), pulse.id);
  // The listed seats come as a prop (read live by PulseDetail): handed to the model.
  useFeed(model.setSeats, props.seats);
  const status = model.status.value;
  const confirming = model.confirming.value;
  const tokens = model.tokens.value;
  const organisationName = (id: string) => organisations.find((o) => o.id === id)?.name ?? '';
  const seats = sortSeats(props.seats, organisationName);
  const linkFor = (seat: Seat) => {
    const token = tokens.get(seat.id)?.token;
    return host && token
      ? inviteUrl(host, inviteForPulse(pulse, partnershipName, { token, label: organisationName(seat.organisationId) }))
      : null;
  };
  /** A remembered address of this person at this organisation, for the mailto: recipient. */
  const emailOf = (seat: Seat) =>
    people.find(
      (p) =>
        p.organisationId === seat.organisationId && p.displayNames.includes(seat.name) && p.deletedAt === undefined,
    )?.emails[0];

  const withdrawControls = (seat: Seat) => {
    if (seat.answeredBy !== undefined) return <p class="hint seat-answered">{t('seatAnsweredStays', seat.name)}</p>;
    if (!canWithdraw(seat, seats, true)) return null;
    if (confirming !== seat.id) {
      return (
        <>
          {' '}
          <button type="button" class="link" onClick={() => model.confirmWithdraw(seat.id)}>
            {t('seatWithdrawOne', seat.name)}
          </button>
        </>
      );
    }
    return (
      <div class="seat-withdraw-confirm" role="group" aria-label={t('seatWithdrawOne', seat.name)}>
        <p>{t('seatWithdrawConfirm', seat.name)}</p>
        <button type="button" onClick={() => void model.withdraw(seat)}>
          {t('seatWithdrawYes', seat.name)}
        </button>{' '}
        <button type="button" onClick={() => model.confirmWithdraw(null)}>
          {t('seatWithdrawNo')}
        </button>
      </div>
    );
  };

  const answered = model.answered.value;
  const anyHandedOut = model.anyHandedOut.value;
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
            disabled={!model.ready.value}
            onClick={() =>
              void model.copy(
                seats,
                mailMergeLines(seats.map((seat) => ({ name: seat.name, link: linkFor(seat)! }))),
                true,
              )
            }
          >
            {t('seatCopyAll')}
          </button>
          <p class="hint" id={`seat-copy-all-${pulse.id}`}>
            {t('seatCopyAllHint')} {anyHandedOut && t('seatCopyAllReplaces')}
          </p>
          <ul class="seat-list">
            {seats.map((seat) => {
              const link = linkFor(seat);
              const id = `seat-link-${seat.id}`;
              const handedOut = isHandedOut(seat);
              return (
                <li key={seat.id} data-seat={seat.name}>
                  {handedOut && <p class="hint seat-handed-out">{t('seatHandedOut', seat.name)}</p>}
                  <div class="field">
                    <label for={id}>
                      {t(handedOut ? 'seatNewLinkLabel' : 'seatLinkLabel', seat.name)}{' '}
                      <span class="hint">({organisationName(seat.organisationId)})</span>
                    </label>
                    <input
                      id={id}
                      type="text"
                      readOnly
                      value={link ?? ''}
                      onFocus={(e) => e.currentTarget.select()}
                      // Copied by hand from the field: handed out all the same.
                      onCopy={() => void model.handOut([seat])}
                    />
                  </div>
                  <button type="button" disabled={!link} onClick={() => void model.copy([seat], link!)}>
                    {t('seatCopyOne', seat.name)}
                  </button>{' '}
                  {link && (
                    <a
                      href={mailtoHref({
                        to: emailOf(seat),
                        subject: t('seatMailSubject', partnershipName),
                        body: t('seatMailBody', seat.name, link),
                      })}
                      // The mail gets the link from the href; the hand-out is recorded as it opens.
                      onClick={() => void model.handOut([seat])}
                    >
                      {t('seatEmailOne', seat.name)}
                    </a>
                  )}
                  {open && withdrawControls(seat)}
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
