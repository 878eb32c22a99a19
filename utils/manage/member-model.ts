import { computed, createModel, signal } from '@preact/signals';
import type { Membership, PartnerType } from '../db/records';
import type { PulseDatabase } from '../db/schema';
import type { RecordsModel } from '../models/records';
import { saveMembership } from '../db/memberships';
import { saveOrganisation } from '../db/organisations';
import { RecordTooLarge } from '../db/limits';
import {
  addableOrganisations,
  addMemberError,
  dayChange,
  emptyAddMember,
  memberRows,
  nextAddMember,
  parseDomains,
  storesDay,
  type AddMemberValues,
  type MemberDayError,
  type MemberDayField,
  type MemberRow,
} from './members';
import { readonly } from '../models/readonly';

/** What a member's typed fields hold while they differ from the record (by membership id). */
interface TypedRow {
  joinedOn?: string;
  leftOn?: string;
  domains?: string;
}

export interface MemberRowView extends MemberRow {
  joinedOn: string;
  leftOn: string;
  domains: string;
  joinedError?: MemberDayError;
  leftError?: MemberDayError;
}

/**
 * The add form's error: a new organisation without a name, a joined day not on the calendar, or
 * the database's own refusal (its message).
 */
export type AddMemberError = 'required' | 'invalidDay' | { tooLarge: string };

const errorOf = (change: object & { error?: MemberDayError }): MemberDayError | undefined => change.error;

/**
 * The management page's member table for one partnership: its rows (each field's text and
 * error), the organisations that can be added, and the add-a-member form. Each row's field
 * stores what it means as it is typed. `new MemberTableModel(db, records, partnershipId)`,
 * disposed with its component.
 */
export const MemberTableModel = createModel(
  (db: PulseDatabase, records: Pick<RecordsModel, 'memberships' | 'organisations'>, partnershipId: string) => {
    const typed = signal<Record<string, TypedRow>>({});
    const adding = signal<AddMemberValues>(emptyAddMember(Date.now()));
    const submitted = signal(false);
    const tooLarge = signal<string | null>(null);

    const type = (id: string, change: TypedRow) => {
      typed.value = { ...typed.value, [id]: { ...typed.value[id], ...change } };
    };
    const current = (id: string) => records.memberships.peek().find((m) => m.id === id);
    const update = (membership: Membership, change: Partial<Membership>) =>
      saveMembership(db, { ...membership, ...change });

    return {
      rows: computed((): MemberRowView[] =>
        memberRows(records.memberships.value, records.organisations.value, partnershipId).map((row) => {
          const own = typed.value[row.membership.id] ?? {};
          const joinedOn = own.joinedOn ?? row.membership.joinedOn;
          const leftOn = own.leftOn ?? row.membership.leftOn ?? '';
          // A field untouched here shows no error: only what was typed is checked.
          const dayError = (field: MemberDayField, text: string) =>
            own[field] === undefined ? undefined : errorOf(dayChange(field, text, row.membership));
          const joinedError = dayError('joinedOn', joinedOn);
          const leftError = dayError('leftOn', leftOn);
          return {
            ...row,
            joinedOn,
            leftOn,
            domains: own.domains ?? row.organisation.emailDomains.join(', '),
            ...(joinedError ? { joinedError } : {}),
            ...(leftError ? { leftError } : {}),
          };
        }),
      ),
      candidates: computed(() =>
        addableOrganisations(records.memberships.value, records.organisations.value, partnershipId),
      ),
      adding: readonly(adding),
      /** Shown once an add was tried, following the typing from then on. */
      addError: computed((): AddMemberError | undefined => {
        if (!submitted.value) return undefined;
        if (tooLarge.value !== null) return { tooLarge: tooLarge.value };
        return addMemberError(adding.value);
      }),

      async setPartnerType(membershipId: string, partnerType: PartnerType) {
        const membership = current(membershipId);
        if (membership) await update(membership, { partnerType });
      },
      /** A joined or left day as typed: kept as the field's text, stored once it means a day (dayChange). */
      async setDay(field: MemberDayField, membershipId: string, text: string) {
        type(membershipId, { [field]: text });
        const membership = current(membershipId);
        const change = membership && dayChange(field, text, membership);
        if (membership && change && storesDay(change)) await update(membership, change);
      },
      async setDomains(membershipId: string, text: string) {
        type(membershipId, { domains: text });
        const membership = current(membershipId);
        const organisation = records.organisations.peek().find((o) => o.id === membership?.organisationId);
        if (organisation) await saveOrganisation(db, { ...organisation, emailDomains: parseDomains(text) });
      },

      setAdding(change: Partial<AddMemberValues>) {
        adding.value = { ...adding.value, ...change };
      },
      /** Adds the member (and its new organisation): true once stored; false with everything typed kept. */
      async add(): Promise<boolean> {
        submitted.value = true;
        tooLarge.value = null;
        const values = adding.value;
        if (addMemberError(values)) return false;
        let organisationId = values.organisationId;
        if (!organisationId) {
          try {
            organisationId = (
              await saveOrganisation(db, { name: values.name.trim(), emailDomains: parseDomains(values.domains) })
            ).id;
          } catch (error) {
            // Over a limit the importer enforces (a name over 500 characters): said, the text kept, nothing saved.
            if (!(error instanceof RecordTooLarge)) throw error;
            tooLarge.value = error.message;
            return false;
          }
        }
        await saveMembership(db, {
          partnershipId,
          organisationId,
          partnerType: values.partnerType,
          joinedOn: values.joinedOn,
        });
        adding.value = nextAddMember(values);
        submitted.value = false;
        return true;
      },
    };
  },
);

export type MemberTableModel = InstanceType<typeof MemberTableModel>;
