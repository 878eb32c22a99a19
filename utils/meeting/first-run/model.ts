import { computed, createModel, signal } from '@preact/signals';
import { PARTNER_TYPES, type Organisation, type Partnership, type PartnerType } from '../../db/records';
import type { PulseDatabase } from '../../db/schema';
import { createFirstPartnership } from './create';
import {
  planFirstRun,
  suggestPartnershipName,
  typedOrganisations,
  type FirstRunErrors,
  type FirstRunInput,
} from './plan';
import { readonly } from '../../models/readonly';

/** What the panel knows of the call: who is on it, and the lead's own name there. */
export interface FirstRunCall {
  people: ReadonlyArray<{ displayName: string; email?: string }>;
  selfName: string | null;
}

/** The form's input: each person's row with the organisation typed for them ('' for none yet). */
export function firstRunInput(
  name: string,
  call: FirstRunCall,
  typed: Readonly<Record<string, string>>,
  types: Record<string, PartnerType>,
): FirstRunInput {
  return {
    name,
    rows: call.people.map((p) => ({ ...p, organisation: typed[p.displayName] ?? '' })),
    selfName: call.selfName,
    types,
  };
}

/** The organisation names offered as each is typed: the ones typed here, then the stored ones, once each. */
export function organisationChoices(typed: ReadonlyArray<{ name: string }>, stored: readonly Organisation[]): string[] {
  return [...new Set([...typed.map((o) => o.name), ...stored.map((o) => o.name)])];
}

/**
 * The side panel's first run: a partnership made from the call (its name from the title, its
 * members from the organisations typed for the people on it). What the lead types is kept per
 * person while the call changes around it. `new FirstRunModel(db, title, call)`, told of the call
 * with `show`; one partnership, however often it is asked for.
 */
export const FirstRunModel = createModel((db: PulseDatabase, title: string, firstCall: FirstRunCall) => {
  const call = signal(firstCall);
  const name = signal(suggestPartnershipName(title));
  const typed = signal<Record<string, string>>({});
  const types = signal<Record<string, PartnerType>>({});
  const errors = signal<FirstRunErrors>({});
  let creating = false;

  const input = computed(() => firstRunInput(name.value, call.value, typed.value, types.value));
  return {
    name: readonly(name),
    typed: readonly(typed),
    errors: readonly(errors),
    /** The organisations typed so far, once each, with their partner types. */
    organisations: computed(() => typedOrganisations(input.value)),
    show(next: FirstRunCall) {
      call.value = next;
    },
    setName(text: string) {
      name.value = text;
    },
    setOrganisation(displayName: string, text: string) {
      typed.value = { ...typed.value, [displayName]: text };
    },
    /** A partner type by its select's value; a value the form never offered changes nothing. */
    setType(key: string, value: string) {
      const type = PARTNER_TYPES.find((t) => t === value);
      if (type) types.value = { ...types.value, [key]: type };
    },
    /**
     * Make the partnership: its errors when the form is not ready (nothing stored), null while
     * one is already being made, else what was made.
     */
    async create(
      stored: readonly Organisation[],
    ): Promise<{ errors: FirstRunErrors } | { partnership: Partnership; memberCount: number } | null> {
      if (creating) return null;
      const result = planFirstRun(input.value, stored);
      errors.value = 'errors' in result ? result.errors : {};
      if ('errors' in result) return result;
      // Set until a create fails: a second click while the first is stored, or after, makes nothing.
      creating = true;
      try {
        const { partnership } = await createFirstPartnership(db, result.plan);
        return { partnership, memberCount: result.plan.organisations.length };
      } catch (error) {
        creating = false;
        throw error;
      }
    },
  };
});

export type FirstRunModel = InstanceType<typeof FirstRunModel>;
