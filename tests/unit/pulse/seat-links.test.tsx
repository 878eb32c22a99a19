import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SeatLinks } from '../../../components/pulse/SeatLinks';
import type { Organisation, Pulse, Seat } from '../../../utils/db/records';
import type { PulseDatabase } from '../../../utils/db/schema';
import { listSeats, withdrawSeat } from '../../../utils/db/seats';
import { t } from '../../../utils/i18n/messages';
import { widgetHost } from '../../../utils/settings/settings';
import { freshDb } from '../db/helpers';
import { COUNCIL, FOOD_BANK, seatedPulse } from './helpers';

// A hand-out that fails after the link reached the clipboard: the seat was withdrawn in another
// tab while this panel still listed it. The panel says so, and the other links keep working.

const DAY = 24 * 60 * 60 * 1000;
const organisation = (id: string, name: string): Organisation => ({
  id,
  name,
  emailDomains: [],
  createdAt: 0,
  updatedAt: 0,
});
const until = (check: () => Promise<void> | void) => vi.waitFor(check, { timeout: 20_000, interval: 10 });

let db: PulseDatabase;
let pulse: Pulse;
let seats: Seat[];
let clipboard: string[];

beforeEach(async () => {
  db = await freshDb('seat-links');
  ({ pulse } = await seatedPulse(
    db,
    [
      ['Priya Raman', FOOD_BANK, 'lead'],
      ['Tom Fairbairn', COUNCIL, 'core'],
      ['Ade Okoro', COUNCIL, 'core'],
    ],
    Date.now() + 7 * DAY,
  ));
  seats = await listSeats(db, pulse.id);
  await widgetHost.setValue('https://pulse.example.org/pulse.html');
  clipboard = [];
  vi.spyOn(navigator.clipboard, 'writeText').mockImplementation(async (text) => void clipboard.push(text));
});

afterEach(async () => {
  render(null, document.body);
  document.body.replaceChildren();
  vi.restoreAllMocks();
  await widgetHost.removeValue();
});

/** The panel's links as listed before another tab withdrew a seat; hand-outs go to the database (SeatLinksModel). */
function showLinks() {
  render(
    <SeatLinks
      pulse={pulse}
      seats={seats}
      partnershipName="Plover Estuary Partnership"
      organisations={[organisation(FOOD_BANK, 'Plover Food Bank'), organisation(COUNCIL, 'Plover District Council')]}
      people={[]}
      db={db}
      open={false}
    />,
    document.body,
  );
}

const button = (name: string) =>
  [...document.querySelectorAll('button')].find((b) => b.textContent === name) as HTMLButtonElement;
const status = () => document.querySelector('[role="status"]')?.textContent;

describe('seat links in the panel', { timeout: 30_000 }, () => {
  it('says a copied link’s seat was withdrawn meanwhile, and the other links still hand out', async () => {
    showLinks();
    await until(() => expect(button("Copy Tom Fairbairn's link").disabled).toBe(false));
    const tom = seats.find((s) => s.name === 'Tom Fairbairn')!;
    await withdrawSeat(db, pulse.id, tom.id);

    button("Copy Tom Fairbairn's link").click();
    await until(() => expect(status()).toBe(t('seatHandOutWithdrawn', 'Tom Fairbairn')));
    expect(clipboard).toHaveLength(1);

    button("Copy Priya Raman's link").click();
    await until(() => expect(status()).toBe(t('linkCopied')));
    const priya = (await listSeats(db, pulse.id)).find((s) => s.name === 'Priya Raman')!;
    expect(priya.token).toBeUndefined();
    expect(priya.handedOutAt).toBeDefined();
  });

  it('says when a seat among all the links copied was withdrawn meanwhile: none is handed out', async () => {
    showLinks();
    await until(() => expect(button('Copy all as "name – link" lines').disabled).toBe(false));
    await withdrawSeat(db, pulse.id, seats.find((s) => s.name === 'Ade Okoro')!.id);

    button('Copy all as "name – link" lines').click();
    await until(() => expect(status()).toBe(t('seatsHandOutWithdrawn')));
    expect(clipboard).toHaveLength(1);
    for (const seat of await listSeats(db, pulse.id)) expect(seat.handedOutAt).toBeUndefined();
  });
});
