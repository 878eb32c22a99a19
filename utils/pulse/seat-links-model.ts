import { computed, createModel, effect, signal } from '@preact/signals';
import type { Seat } from '../db/records';
import type { PulseDatabase } from '../db/schema';
import { handOutSeats, SeatChangeError, withdrawSeat, type HandOut } from '../db/seats';
import type { MessageKey } from '../i18n/messages';
import { readonly } from '../models/readonly';
import { hashToken, makeSeatToken } from './seats';

/** What the seat links say last: a message, with the seat's name where it names one. */
export interface SeatLinksStatus {
  key: MessageKey;
  name?: string;
}

/** A link a hand-out gives now: its token (in memory) and the hash stored when it is handed out. */
export type SeatToken = HandOut & { token: string };

/** Whether a seat's link was handed out: its token is gone, so the next hand-out is a new link. */
export const isHandedOut = (seat: Seat): boolean => seat.token === undefined;

/**
 * A personal-link pulse's links (components/pulse/SeatLinks.tsx): the token each seat's link
 * carries now, recording hand-outs and withdrawals, and what the panel says after each.
 *
 * A seat's token is kept only until its link is first handed out (handOutSeats: then only its
 * hash). A seat handed out already gets a new token, made here and held only in memory, so
 * handing its link out again replaces the earlier one; once handed out it is the seat's link, and
 * the next hand-out needs another. `new SeatLinksModel(db, pulseId, seats)`, the seats as listed
 * later handed over with `setSeats`, disposed with its component.
 */
export const SeatLinksModel = createModel((db: PulseDatabase, pulseId: string, firstSeats: readonly Seat[]) => {
  const seats = signal(firstSeats);
  /** New tokens (in memory only) for the seats whose links were handed out, by seat id. */
  const fresh = signal<ReadonlyMap<string, SeatToken>>(new Map());
  const status = signal<SeatLinksStatus | null>(null);
  /** Asking to confirm a withdrawal: the seat's id. */
  const confirming = signal<string | null>(null);
  /** Seats whose new token is being hashed: made once each. */
  const making = new Set<string>();
  let disposed = false;
  effect(() => () => {
    disposed = true;
  });

  effect(() => {
    const known = fresh.value;
    const needed = seats.value.filter((seat) => isHandedOut(seat) && !known.has(seat.id) && !making.has(seat.id));
    if (needed.length === 0) return;
    for (const seat of needed) making.add(seat.id);
    void Promise.all(
      needed.map(async (seat) => {
        const token = makeSeatToken();
        return { seatId: seat.id, token, tokenHash: await hashToken(token) };
      }),
    ).then((made) => {
      for (const seat of needed) making.delete(seat.id);
      if (disposed) return;
      fresh.value = new Map([...fresh.peek(), ...made.map((m) => [m.seatId, m] as const)]);
    });
  });

  /** The token a hand-out gives now, by seat id: the seat's own until handed out, then a new one. */
  const tokens = computed(() => {
    const made = fresh.value;
    return new Map(
      seats.value.flatMap((seat) => {
        const given =
          seat.token !== undefined
            ? { seatId: seat.id, token: seat.token, tokenHash: seat.tokenHash }
            : made.get(seat.id);
        return given ? [[seat.id, given] as const] : [];
      }),
    );
  });

  /**
   * Record a hand-out of these seats' links (after they reached the clipboard or a mail), then say
   * so: one seat's link copied or replaced, or all of them (`all`). A seat withdrawn meanwhile (in
   * another tab) fails the whole hand-out: said instead. Any other failure is thrown.
   */
  async function handOut(given: readonly Seat[], all = false): Promise<void> {
    const done: SeatLinksStatus = all
      ? { key: seats.peek().some(isHandedOut) ? 'seatLinksReplaced' : 'seatLinksCopied' }
      : { key: isHandedOut(given[0]!) ? 'seatLinkReplaced' : 'linkCopied', name: given[0]!.name };
    const current = tokens.peek();
    const handOuts = given.flatMap((seat) => {
      const made = current.get(seat.id);
      return made ? [{ seatId: made.seatId, tokenHash: made.tokenHash }] : [];
    });
    try {
      await handOutSeats(db, pulseId, handOuts);
    } catch (error) {
      if (!(error instanceof SeatChangeError) || error.reason !== 'unknown-seat') throw error;
      status.value =
        given.length === 1 ? { key: 'seatHandOutWithdrawn', name: given[0]!.name } : { key: 'seatsHandOutWithdrawn' };
      return;
    }
    // A fresh token handed out is the seat's link now: the next hand-out needs another.
    fresh.value = new Map([...fresh.peek()].filter(([id]) => !given.some((seat) => seat.id === id)));
    status.value = done;
  }

  return {
    /** The token each listed seat's link carries now, by seat id; a handed-out seat's once made. */
    tokens,
    /** How many of the listed seats have answered: a count, never which answer. */
    answered: computed(() => seats.value.filter((seat) => seat.answeredBy !== undefined).length),
    /** Some link was handed out: copying all replaces those links. */
    anyHandedOut: computed(() => seats.value.some(isHandedOut)),
    /** Seats are listed, and every one has a token to put in its link. */
    ready: computed(() => seats.value.length > 0 && seats.value.every((seat) => tokens.value.has(seat.id))),
    status: readonly(status),
    confirming: readonly(confirming),
    /** The seats as listed now (live, from the database). */
    setSeats(next: readonly Seat[]) {
      seats.value = next;
    },
    /** Record a hand-out already made (the link copied from its field, or opened in a mail). */
    handOut,
    /** Copy these seats' links (`text`); only once the clipboard has them does the hand-out drop a token. */
    async copy(given: readonly Seat[], text: string, all = false): Promise<void> {
      try {
        await navigator.clipboard.writeText(text);
      } catch {
        status.value = { key: 'copyFailed' };
        return;
      }
      await handOut(given, all);
    },
    /** Ask to confirm withdrawing this seat (`null`: not now). */
    confirmWithdraw(seatId: string | null) {
      confirming.value = seatId;
    },
    /** Withdraw an unused seat (the pulse is open), and say how it went. */
    async withdraw(seat: Seat): Promise<void> {
      let key: MessageKey = 'seatWithdrawn';
      try {
        await withdrawSeat(db, pulseId, seat.id);
      } catch (error) {
        if (!(error instanceof SeatChangeError)) throw error;
        key =
          error.reason === 'answered'
            ? 'seatWithdrawAnswered'
            : error.reason === 'last-seat'
              ? 'seatWithdrawLast'
              : 'seatChangeClosed';
      }
      confirming.value = null;
      status.value = { key, name: seat.name };
    },
  };
});

export type SeatLinksModel = InstanceType<typeof SeatLinksModel>;
