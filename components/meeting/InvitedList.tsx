import type { Attendee } from '../../utils/db/records';
import type { GuestMatch } from '../../utils/meeting/form/form';
import { t } from '../../utils/i18n/messages';
import { formatNumber } from '../../utils/i18n/format';
import { keysOfRows } from '../../utils/meeting/form/attendees';

/** Calendar guests not seen on the call: not saved as attendees, and an e-mail-only guest offered to merge. */
export function InvitedList(props: {
  guests: Attendee[];
  matches: GuestMatch[];
  onMerge: (match: GuestMatch) => void;
}) {
  const { guests, matches, onMerge } = props;
  const keys = keysOfRows(guests);
  return (
    <section class="invited" aria-labelledby="invited-heading">
      <h3 id="invited-heading">{t('invitedHeading', formatNumber(guests.length))}</h3>
      <ul class="attendee-list">
        {guests.map((guest, index) => {
          const match = matchOf(matches, guest);
          return (
            <li key={keys[index]}>
              <span class="attendee-name">{guest.displayName}</span>
              {match && (
                <button type="button" onClick={() => onMerge(match)}>
                  {match.email ? t('invitedMergeAddress', match.joined, match.email) : t('invitedMerge', match.joined)}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The merge offered for this row: by its name, and by its address when the offer names one. */
export function matchOf(matches: GuestMatch[], row: Attendee): GuestMatch | undefined {
  return matches.find((m) => m.guest === row.displayName && (m.email === undefined || m.email === row.email));
}
