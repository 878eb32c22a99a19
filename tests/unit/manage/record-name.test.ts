import { describe, expect, it } from 'vitest';
import { recordName, shortName } from '../../../components/manage/record-name';
import { readNamedRecords, type RecordRef } from '../../../utils/db/record-names';
import { formatDate } from '../../../utils/i18n/format';
import {
  DAY,
  T0,
  meeting,
  membership,
  organisation,
  partnership,
  person,
  publishedResult,
  pulse,
  purposeTag,
  uuid,
} from '../../factories';
import { freshDb } from '../db/helpers';

/** Each record named as the status line names it, read from a database holding `records`. */
async function named(refs: RecordRef[], fill: (db: Awaited<ReturnType<typeof freshDb>>) => Promise<void>) {
  const db = await freshDb('record-name');
  await fill(db);
  const records = await readNamedRecords(db, refs);
  return refs.map((ref) => recordName(records, ref));
}

describe('naming a record of a resolved conflict', () => {
  it('names each kind as the lead knows it: a pulse by its partnership and dates, or its meeting', async () => {
    const names = await named(
      [
        { store: 'partnerships', id: uuid(1) },
        { store: 'purposeTags', id: uuid(2) },
        { store: 'people', id: uuid(3) },
        { store: 'pulses', id: uuid(4) },
        { store: 'pulses', id: uuid(5) },
        { store: 'memberships', id: uuid(6) },
        { store: 'publishedResults', id: uuid(7) },
      ],
      async (db) => {
        await db.put('partnerships', partnership({ id: uuid(1), name: 'Hartside Food Partnership' }));
        await db.put('purposeTags', purposeTag({ id: uuid(2), label: 'Winter plan' }));
        await db.put('people', person({ id: uuid(3), displayNames: ['Ana Lopez'] }));
        await db.put('organisations', organisation({ id: uuid(8), name: 'Age UK Hartside' }));
        await db.put(
          'meetings',
          meeting({ id: uuid(9), partnershipId: uuid(1), title: 'Steering group', startAt: T0 }),
        );
        await db.put(
          'pulses',
          pulse({ id: uuid(4), partnershipId: uuid(1), periodStart: T0, periodEnd: T0 + 30 * DAY }),
        );
        await db.put('pulses', pulse({ id: uuid(5), partnershipId: uuid(1), meetingId: uuid(9) }));
        await db.put(
          'memberships',
          membership({ id: uuid(6), partnershipId: uuid(1), organisationId: uuid(8), partnerType: 'core' }),
        );
        await db.put('publishedResults', publishedResult({ id: uuid(7), partnershipId: uuid(1), at: T0 }));
      },
    );
    expect(names).toEqual([
      'the partnership “Hartside Food Partnership”',
      'the purpose tag “Winter plan”',
      'the person “Ana Lopez”',
      `the pulse “Hartside Food Partnership, ${formatDate(T0)} – ${formatDate(T0 + 30 * DAY)}”`,
      `the pulse “Steering group, ${formatDate(T0)}”`,
      'the membership of “Age UK Hartside” in “Hartside Food Partnership”',
      `the published results of “Northmoor Hardship Partnership”, ${formatDate(T0)}`,
    ]);
  });

  it('says a deleted record, or one this browser does not have, by its kind alone', async () => {
    const names = await named(
      [
        { store: 'partnerships', id: uuid(1) },
        { store: 'purposeTags', id: uuid(2) },
        { store: 'people', id: uuid(3) },
        { store: 'pulses', id: uuid(4) },
        { store: 'memberships', id: uuid(6) },
        { store: 'publishedResults', id: uuid(7) },
        { store: 'organisations', id: uuid(8) },
      ],
      async (db) => {
        await db.put('partnerships', partnership({ id: uuid(1), name: 'Gone partnership', deletedAt: T0 }));
        await db.put('people', person({ id: uuid(3), displayNames: ['Gone person'], deletedAt: T0 }));
        await db.put('pulses', pulse({ id: uuid(4), partnershipId: uuid(1), deletedAt: T0 }));
      },
    );
    expect(names).toEqual([
      'a deleted partnership',
      'a purpose tag this browser does not have',
      'a deleted person',
      'a deleted pulse',
      'a membership this browser does not have',
      'published results this browser does not have',
      'an organisation this browser does not have',
    ]);
  });

  it("shortens a hostile server's long names, keeping a pulse's dates", async () => {
    const long = 'Ж'.repeat(10_000);
    const [name] = await named([{ store: 'pulses', id: uuid(5) }], async (db) => {
      await db.put('meetings', meeting({ id: uuid(9), partnershipId: uuid(1), title: long, startAt: T0 }));
      await db.put('pulses', pulse({ id: uuid(5), partnershipId: uuid(1), meetingId: uuid(9) }));
    });
    expect(name).toBe(`the pulse “${'Ж'.repeat(79)}…, ${formatDate(T0)}”`);
    // Whole characters: an emoji is never cut in half, and a name's lines become one.
    expect(shortName(`${'a'.repeat(78)}😀😀`)).toBe(`${'a'.repeat(78)}😀😀`);
    expect(shortName(`${'a'.repeat(79)}😀😀`)).toBe(`${'a'.repeat(79)}…`);
    expect(shortName('Steering\ngroup ')).toBe('Steering group');
  });

  it('names what is known: a person without a display name, a membership with a side gone, a pulse with neither partnership nor meeting', async () => {
    const names = await named(
      [
        { store: 'people', id: uuid(3) },
        { store: 'people', id: uuid(4) },
        { store: 'memberships', id: uuid(6) },
        { store: 'memberships', id: uuid(7) },
        { store: 'memberships', id: uuid(8) },
        { store: 'pulses', id: uuid(10) },
        { store: 'pulses', id: uuid(11) },
      ],
      async (db) => {
        await db.put('people', person({ id: uuid(3), displayNames: [], emails: ['ana@hartside.org'] }));
        await db.put('people', person({ id: uuid(4), displayNames: [], emails: [] }));
        await db.put('partnerships', partnership({ id: uuid(1), name: 'Hartside Food Partnership' }));
        await db.put('organisations', organisation({ id: uuid(2), name: 'Gone org', deletedAt: T0 }));
        await db.put('organisations', organisation({ id: uuid(9), name: 'Age UK Hartside' }));
        await db.put(
          'memberships',
          membership({ id: uuid(6), partnershipId: uuid(1), organisationId: uuid(2), partnerType: 'core' }),
        );
        await db.put(
          'memberships',
          membership({ id: uuid(7), partnershipId: uuid(5), organisationId: uuid(9), partnerType: 'core' }),
        );
        await db.put(
          'memberships',
          membership({ id: uuid(8), partnershipId: uuid(5), organisationId: uuid(2), partnerType: 'core' }),
        );
        await db.put('pulses', pulse({ id: uuid(10), partnershipId: uuid(5), periodStart: T0, periodEnd: T0 + DAY }));
        await db.put('pulses', pulse({ id: uuid(11), partnershipId: uuid(5), createdAt: T0 }));
      },
    );
    expect(names).toEqual([
      'the person “ana@hartside.org”',
      'a person without a name',
      'the membership of a deleted organisation in “Hartside Food Partnership”',
      'the membership of “Age UK Hartside” in a partnership this browser does not have',
      'the membership of a deleted organisation in a partnership this browser does not have',
      `the pulse “${formatDate(T0)} – ${formatDate(T0 + DAY)}”`,
      `the pulse “started ${formatDate(T0)}”`,
    ]);
  });
});
