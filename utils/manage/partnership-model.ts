import { computed, createModel, signal } from '@preact/signals';
import type { CadenceTargets, Partnership } from '../db/records';
import type { PulseDatabase } from '../db/schema';
import { savePartnership } from '../db/partnerships';
import { RecordTooLarge } from '../db/limits';
import {
  partnershipFormErrors,
  partnershipFormToInput,
  partnershipFormValues,
  type PartnershipField,
  type PartnershipFormError,
  type PartnershipFormValues,
} from './partnership-form';
import { readonly } from '../models/readonly';

/** What a field shows: one of the form's rules broken, or the database's own refusal (its message). */
export type PartnershipFieldError = PartnershipFormError | { tooLarge: string };

/**
 * The management page's partnership form: create a partnership, or rename one and set its
 * cadence targets. Errors show once a save was tried and follow the typing from then on.
 * `new PartnershipFormModel(db, partnership)`, disposed with its component.
 */
export const PartnershipFormModel = createModel((db: PulseDatabase, partnership: Partnership | null) => {
  const values = signal<PartnershipFormValues>(partnershipFormValues(partnership, Date.now()));
  const submitted = signal(false);
  /** A limit the database enforces (a name over 500 characters), said at the name until the next save. */
  const tooLarge = signal<string | null>(null);
  const saved = signal(false);
  const ruleErrors = computed(() => partnershipFormErrors(values.value));

  return {
    values: readonly(values),
    saved: readonly(saved),
    /** Each field's error, once a save was tried. */
    errors: computed((): Partial<Record<PartnershipField, PartnershipFieldError>> => {
      if (!submitted.value) return {};
      const found: Partial<Record<PartnershipField, PartnershipFieldError>> = { ...ruleErrors.value };
      if (!found.name && tooLarge.value !== null) found.name = { tooLarge: tooLarge.value };
      return found;
    }),

    setName(name: string) {
      values.value = { ...values.value, name };
    },
    setStartDate(startDate: string) {
      values.value = { ...values.value, startDate };
    },
    setCadence(key: keyof CadenceTargets, text: string) {
      values.value = { ...values.value, cadence: { ...values.value.cadence, [key]: text } };
    },
    /** Saves a valid form: the partnership saved, or null (nothing saved, everything typed kept). */
    async save(): Promise<Partnership | null> {
      submitted.value = true;
      tooLarge.value = null;
      if (Object.keys(ruleErrors.value).length) return null;
      let result: Partnership;
      try {
        result = await savePartnership(db, partnershipFormToInput(values.value, partnership?.id));
      } catch (error) {
        if (!(error instanceof RecordTooLarge)) throw error;
        tooLarge.value = error.message;
        return null;
      }
      saved.value = true;
      return result;
    },
  };
});

export type PartnershipFormModel = InstanceType<typeof PartnershipFormModel>;
