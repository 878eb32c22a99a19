import type { Attendee } from '../../utils/db/records';
import { t } from '../../utils/i18n/messages';
import { formatNumber } from '../../utils/i18n/format';

/** Calendar guests not seen on the call: not saved as attendees, and an e-mail-only guest offered to merge. */
export function InvitedList(props: {
  guests: Attendee[];
  matches: Array<{ guest: string; joined: string }>;
  onMerge: (guest: string, joined: string) => void;
}) {
  const { guests, matches, onMerge } = props;
  return (
    <section class="invited" aria-labelledby="invited-heading">
      <h3 id="invited-heading">{t('invitedHeading', formatNumber(guests.length))}</h3>
      <ul class="attendee-list">
        {guests.map((guest) => {
          const match = matches.find((m) => m.guest === guest.displayName);
          return (
            <li key={guest.displayName}>
              <span class="attendee-name">{guest.displayName}</span>
              {match && (
                <button type="button" onClick={() => onMerge(match.guest, match.joined)}>
                  {t('invitedMerge', match.joined)}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
