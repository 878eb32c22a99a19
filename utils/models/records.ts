import { batch, createModel, effect, signal } from '@preact/signals';
import type { PulseDatabase, StoreName } from '../db/schema';
import type { Meeting, Membership, Organisation, Partnership, Person, PurposeTag } from '../db/records';
import { listPartnerships } from '../db/partnerships';
import { listOrganisations } from '../db/organisations';
import { listMemberships } from '../db/memberships';
import { listPurposeTags } from '../db/purpose-tags';
import { listMeetings } from '../db/meetings';
import { listPeople } from '../db/people';
import { onChange } from '../db/changes';
import { readonly } from './readonly';

const WATCHED: ReadonlySet<StoreName> = new Set([
  'partnerships',
  'organisations',
  'memberships',
  'people',
  'purposeTags',
]);

/** Enough history to guess a partnership from past titles; read through the index, never the whole store. */
const RECENT_MEETINGS = 200;

/** The reference data every form needs, kept live across pages: `new RecordsModel(db)`, disposed with its page. */
export const RecordsModel = createModel((db: PulseDatabase) => {
  const partnerships = signal<Partnership[]>([]);
  const organisations = signal<Organisation[]>([]);
  const memberships = signal<Membership[]>([]);
  const people = signal<Person[]>([]);
  const purposeTags = signal<PurposeTag[]>([]);
  const recentMeetings = signal<Meeting[]>([]);

  async function load(): Promise<void> {
    const [p, o, tags, allPeople] = await Promise.all([
      listPartnerships(db),
      listOrganisations(db),
      listPurposeTags(db),
      listPeople(db),
    ]);
    const m = (await Promise.all(p.map((partnership) => listMemberships(db, partnership.id)))).flat();
    batch(() => {
      partnerships.value = p;
      organisations.value = o;
      memberships.value = m;
      purposeTags.value = tags;
      people.value = allPeople;
    });
  }

  /** Past meetings only sharpen a guess: they never hold up the first render. */
  async function loadRecentMeetings(): Promise<void> {
    recentMeetings.value = await listMeetings(db, { limit: RECENT_MEETINGS });
  }

  // An effect, so the model's disposal ends the subscription.
  effect(() =>
    onChange((change) => {
      if (WATCHED.has(change.store)) void load();
      if (change.store === 'meetings') void loadRecentMeetings();
    }),
  );

  return {
    partnerships: readonly(partnerships),
    organisations: readonly(organisations),
    memberships: readonly(memberships),
    people: readonly(people),
    purposeTags: readonly(purposeTags),
    recentMeetings: readonly(recentMeetings),
    load,
    loadRecentMeetings,
  };
});

export type RecordsModel = InstanceType<typeof RecordsModel>;
