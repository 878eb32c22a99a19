import { useModel } from '@preact/signals';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Organisation, Person, Pulse, Seat } from '../../utils/db/records';
import { SeatChangeError, type HandOut } from '../../utils/db/seats';
import { canWithdraw } from '../../utils/pulse/seat-changes';
import { inviteUrl } from '../../utils/pulse/invite';
import { inviteForPulse } from '../../utils/pulse/pulse-invite';
import { mailMergeLines, mailtoHref, sortSeats } from '../../utils/pulse/seat-list';
import { hashToken, makeSeatToken } from '../../utils/pulse/seats';
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
 *
 * A seat's token is kept only until its link is first handed out (copied, alone or in "copy
 * all", or opened in a mail): `onHandOut` then keeps only its hash. A seat handed out already
 * gets a new token, made here and never stored, so handing its link out again replaces the
 * earlier one (the line says so first).
 */
export function SeatLinks(props: {
  pulse: Pulse;
  seats: readonly Seat[];
  partnershipName: string;
  organisations: readonly Organisation[];
  people: readonly Person[];
  /** Record that these links reached the clipboard or a mail (utils/db/seats.ts handOutSeats). */
  onHandOut: (handOuts: HandOut[]) => Promise<unknown>;
  /** Withdraw an unused seat (the pulse is open); absent once it has closed. */
  onWithdraw?: (seat: Seat) => Promise<MessageKey>;
}) {
  const { pulse, partnershipName, organisations, people, onHandOut, onWithdraw } = props;
  const host = useModel(WidgetHostModel).host.value;
  const [status, setStatus] = useState<{ key: MessageKey; name?: string } | null>(null);
  /** Asking to confirm a withdrawal: the seat's id. */
  const [confirming, setConfirming] = useState<string | null>(null);
  const organisationName = (id: string) => organisations.find((o) => o.id === id)?.name ?? '';
  const seats = sortSeats(props.seats, organisationName);
  /** New tokens (in memory only) for the seats whose links were handed out, by seat id. */
  const [fresh, setFresh] = useState<ReadonlyMap<string, HandOut & { token: string }>>(new Map());
  /** Seats whose new token is being hashed: made once each. */
  const making = useRef(new Set<string>());
  useEffect(() => {
    const needed = seats.filter(
      (seat) => seat.token === undefined && !fresh.has(seat.id) && !making.current.has(seat.id),
    );
    if (needed.length === 0) return;
    for (const seat of needed) making.current.add(seat.id);
    void Promise.all(
      needed.map(async (seat) => {
        const token = makeSeatToken();
        return { seatId: seat.id, token, tokenHash: await hashToken(token) };
      }),
    ).then((made) => {
      for (const seat of needed) making.current.delete(seat.id);
      setFresh((before) => new Map([...before, ...made.map((m) => [m.seatId, m] as const)]));
    });
  });
  /** The token a hand-out gives now, and its hash: the seat's own until handed out, then a new one. */
  const handOutOf = (seat: Seat) =>
    seat.token !== undefined ? { seatId: seat.id, token: seat.token, tokenHash: seat.tokenHash } : fresh.get(seat.id);
  const linkFor = (seat: Seat) => {
    const token = handOutOf(seat)?.token;
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

  /**
   * Record a hand-out of these seats' links (after they reached the clipboard or a mail), then say
   * `done`. A seat withdrawn meanwhile (in another tab) fails the whole hand-out: said instead.
   */
  const handOut = async (given: readonly Seat[], done: { key: MessageKey; name?: string }) => {
    const handOuts = given.map(handOutOf).filter((h) => h !== undefined);
    try {
      await onHandOut(handOuts.map(({ seatId, tokenHash }) => ({ seatId, tokenHash })));
    } catch (error) {
      if (!(error instanceof SeatChangeError) || error.reason !== 'unknown-seat') throw error;
      setStatus(
        given.length === 1 ? { key: 'seatHandOutWithdrawn', name: given[0]!.name } : { key: 'seatsHandOutWithdrawn' },
      );
      return;
    }
    // A fresh token handed out is the seat's link now: the next hand-out needs another.
    setFresh((before) => new Map([...before].filter(([id]) => !given.some((seat) => seat.id === id))));
    setStatus(done);
  };

  /** Copy these seats' links; only once the clipboard has them does the hand-out drop a token. */
  const copy = async (given: readonly Seat[], text: string, done: { key: MessageKey; name?: string }) => {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      setStatus({ key: 'copyFailed' });
      return;
    }
    await handOut(given, done);
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
  const anyHandedOut = seats.some((seat) => seat.token === undefined);
  const ready = seats.every((seat) => linkFor(seat) !== null);
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
            disabled={!ready}
            onClick={() =>
              void copy(seats, mailMergeLines(seats.map((seat) => ({ name: seat.name, link: linkFor(seat)! }))), {
                key: anyHandedOut ? 'seatLinksReplaced' : 'seatLinksCopied',
              })
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
              const handedOut = seat.token === undefined;
              const done = { key: handedOut ? 'seatLinkReplaced' : 'linkCopied', name: seat.name } as const;
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
                      onCopy={() => void handOut([seat], done)}
                    />
                  </div>
                  <button type="button" disabled={!link} onClick={() => void copy([seat], link!, done)}>
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
                      onClick={() => void handOut([seat], done)}
                    >
                      {t('seatEmailOne', seat.name)}
                    </a>
                  )}
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
