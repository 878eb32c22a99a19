import { describe, expect, it } from 'vitest';
import type { Attendee, Partnership, PulseResponse } from '../../../../utils/db/records';
import { BUNDLE_STORES, type BundleStore } from '../../../../utils/your-data/bundle/format';
import { RECORD_FIELDS, type FieldsOf } from '../../../../utils/your-data/bundle/validate';
import * as make from '../../../factories';

/*
 * The validator's field table is typed by the records (FieldsOf<T>): the `@ts-expect-error`
 * lines below are checked by `npx tsc --noEmit`, which fails if any of them compiles.
 */

const text = { kind: 'text', max: 10 } as const;
const { name: _name, ...partnershipWithoutName } = RECORD_FIELDS.partnerships;

// A field the record has, forgotten in the table.
// @ts-expect-error: 'name' is missing
export const forgotten: FieldsOf<Partnership> = partnershipWithoutName;

// A field added to the record and not to the table.
// @ts-expect-error: 'colour' is missing
export const newField: FieldsOf<Partnership & { colour: string }> = RECORD_FIELDS.partnerships;

export const extra: FieldsOf<Partnership> = {
  ...RECORD_FIELDS.partnerships,
  // @ts-expect-error: the record has no 'colour'
  colour: { spec: text },
};

export const requiredAsOptional: FieldsOf<PulseResponse> = {
  ...RECORD_FIELDS.responses,
  // @ts-expect-error: receivedAt is required in the record
  receivedAt: { spec: { kind: 'time' }, optional: true },
};

export const optionalAsRequired: FieldsOf<PulseResponse> = {
  ...RECORD_FIELDS.responses,
  // @ts-expect-error: comment is optional in the record
  comment: { spec: text },
};

// Nested objects are typed too.
// @ts-expect-error: 'displayName' is missing
export const attendee: FieldsOf<Attendee> = { personId: { spec: { kind: 'id' }, optional: true } };

describe("the validator's field table", () => {
  // The factories fill every required field and some optional ones: each is in the table.
  // Built in the tests: a pulse's default wording comes from t(), mocked per test.
  const records = (): { [S in BundleStore]: object } => ({
    partnerships: make.partnership({ id: 'p' }),
    organisations: make.organisation({ id: 'o', mergedInto: 'o2', deletedAt: 1 }),
    memberships: make.membership({
      partnershipId: 'p',
      organisationId: 'o',
      partnerType: 'core',
      leftOn: '2025-01-01',
    }),
    people: make.person({ id: 'x', organisationId: 'o' }),
    purposeTags: make.purposeTag({ id: 't', label: 'Delivery', builtIn: 'delivery', demo: true }),
    meetings: make.meeting({ id: 'm', partnershipId: 'p', chairName: 'A', callKey: 'meet:a' }),
    pulses: make.pulse({ id: 'q', partnershipId: 'p', meetingId: 'm' }),
    responses: make.response({ id: 'r', pulseId: 'q', partnerType: 'wider', comment: 'ok' }),
  });

  it.each(BUNDLE_STORES)('has an entry for every field of a %s record', (store) => {
    const table = RECORD_FIELDS[store] as Record<string, { optional?: boolean }>;
    for (const key of Object.keys(records()[store])) expect(Object.keys(table)).toContain(key);
  });

  it.each(BUNDLE_STORES)('marks as required exactly the fields a %s record needs', (store) => {
    const table = RECORD_FIELDS[store] as Record<string, { optional?: boolean }>;
    const required = Object.keys(table).filter((key) => table[key]!.optional !== true);
    for (const key of required) expect(Object.keys(records()[store])).toContain(key);
  });
});
