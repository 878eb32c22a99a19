import type { Attendee } from '../../utils/db/records';
import type { GuestMatch } from '../../utils/meeting/form/form';
import { t } from '../../utils/i18n/messages';
import { formatNumber } from '../../utils/i18n/format';
import { keysOfRows } from '../../utils/meeting/form/attendees';
import { choiceOf, MergeOffer, type MergeChoice } from './MergeOffer';

/** Calendar guests not seen on the call: not saved as attendees, and an e-mail-only guest offered to merge. */
export function InvitedList(props: {
  guests: Attendee[];
  matches: MergeChoice[];
  onMerge: (match: GuestMatch, targetKey: string) => void;
}) {
  const { guests, matches, onMerge } = props;
  const keys = keysOfRows(guests);
  return (
    <section class="invited" aria-labelledby="invited-heading">
      <h3 id="invited-heading">{t('invitedHeading', formatNumber(guests.length))}</h3>
      <ul class="attendee-list">
        {guests.map((guest, index) => (
          <li key={keys[index]}>
            <span class="attendee-name">{guest.displayName}</span>
            <MergeOffer choice={choiceOf(matches, guest)} onMerge={onMerge} />
          </li>
        ))}
      </ul>
    </section>
  );
}
