import type { Stamped } from '../../utils/db/records';
import { namedRecord, type NamedRecords, type NamedStore, type RecordRef } from '../../utils/db/record-names';
import { isLive } from '../../utils/db/stamp';
import { formatDate } from '../../utils/i18n/format';
import { purposeLabel } from '../../utils/i18n/labels';
import { t, type MessageKey } from '../../utils/i18n/messages';
import { pulseLabel } from '../pulse/labels';

const GONE: Record<NamedStore, MessageKey> = {
  meetings: 'recordGone_meetings',
  organisations: 'recordGone_organisations',
  partnerships: 'recordGone_partnerships',
  purposeTags: 'recordGone_purposeTags',
  people: 'recordGone_people',
  pulses: 'recordGone_pulses',
  memberships: 'recordGone_memberships',
  publishedResults: 'recordGone_publishedResults',
};

const ABSENT: Record<NamedStore, MessageKey> = {
  meetings: 'recordAbsent_meetings',
  organisations: 'recordAbsent_organisations',
  partnerships: 'recordAbsent_partnerships',
  purposeTags: 'recordAbsent_purposeTags',
  people: 'recordAbsent_people',
  pulses: 'recordAbsent_pulses',
  memberships: 'recordAbsent_memberships',
  publishedResults: 'recordAbsent_publishedResults',
};

/** Characters of a name the status line shows: a server may send a name of any length. */
export const NAME_MAX = 80;
/** Characters of a server's reason the status line shows. */
export const REASON_MAX = 200;

/** A name on one line, shortened to `max` characters (whole characters, never half an emoji). */
export function shortName(text: string, max = NAME_MAX): string {
  const chars = Array.from(
    text
      .slice(0, max * 4)
      .replace(/\s+/g, ' ')
      .trim(),
  );
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * A record as the lead knows it ("the meeting “Steering group” on Tuesday, 1 December 2026"),
 * from what `readNamedRecords` read; one deleted, or not here at all, by its kind alone.
 */
export function recordName(records: NamedRecords, ref: RecordRef): string {
  const live = <S extends NamedStore>(store: S, id: string | undefined) => {
    const record = namedRecord(records, store, id);
    return record && isLive(record as Stamped) ? record : undefined;
  };
  switch (ref.store) {
    case 'meetings': {
      const meeting = live('meetings', ref.id);
      if (meeting)
        return t('recordName_meeting', shortName(meeting.title), formatDate(meeting.startAt, { dateStyle: 'full' }));
      break;
    }
    case 'organisations': {
      const organisation = live('organisations', ref.id);
      if (organisation) return t('recordName_organisation', shortName(organisation.name));
      break;
    }
    case 'partnerships': {
      const partnership = live('partnerships', ref.id);
      if (partnership) return t('recordName_partnership', shortName(partnership.name));
      break;
    }
    case 'purposeTags': {
      const tag = live('purposeTags', ref.id);
      if (tag) return t('recordName_purposeTag', shortName(purposeLabel(tag)));
      break;
    }
    case 'people': {
      const person = live('people', ref.id);
      if (!person) break;
      const name = person.displayNames.find((n) => n.trim() !== '') ?? person.emails[0];
      return name ? t('recordName_person', shortName(name)) : t('recordName_personUnnamed');
    }
    case 'pulses': {
      const pulse = live('pulses', ref.id);
      if (!pulse) break;
      const partnership = live('partnerships', pulse.partnershipId);
      const meeting = live('meetings', pulse.meetingId);
      // The label's own rule (meeting, else period, else start), its names shortened.
      return t(
        'recordName_pulse',
        pulseLabel(
          pulse,
          partnership && { ...partnership, name: shortName(partnership.name) },
          meeting && { ...meeting, title: shortName(meeting.title) },
        ),
      );
    }
    case 'memberships': {
      const membership = live('memberships', ref.id);
      const organisation = live('organisations', membership?.organisationId);
      const partnership = live('partnerships', membership?.partnershipId);
      if (organisation && partnership) {
        return t('recordName_membership', shortName(organisation.name), shortName(partnership.name));
      }
      if (!membership) break;
      // What is known of it: a side that is gone by its kind, as any record gone.
      const gone = (store: 'organisations' | 'partnerships', id: string) => recordName(records, { store, id });
      if (organisation) {
        return t(
          'recordName_membershipInGone',
          shortName(organisation.name),
          gone('partnerships', membership.partnershipId),
        );
      }
      if (partnership) {
        return t(
          'recordName_membershipOfGone',
          gone('organisations', membership.organisationId),
          shortName(partnership.name),
        );
      }
      return t(
        'recordName_membershipBothGone',
        gone('organisations', membership.organisationId),
        gone('partnerships', membership.partnershipId),
      );
    }
    case 'publishedResults': {
      const result = live('publishedResults', ref.id);
      if (result) return t('recordName_published', shortName(result.partnershipName), formatDate(result.at));
      break;
    }
  }
  return t((namedRecord(records, ref.store, ref.id) ? GONE : ABSENT)[ref.store]);
}
