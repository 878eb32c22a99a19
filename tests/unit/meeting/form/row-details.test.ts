import { describe, expect, it } from 'vitest';
import { rowDetails, type RowTraits } from '../../../../utils/meeting/form/row-details';
import { formatTime } from '../../../../utils/i18n/format';
import { minute, start } from './builders';

/**
 * How rows of one name are told apart when the lead must pick one ("Same person as…"): by what the
 * rows really hold, never by their number in the list. Rows nothing tells apart are said to look
 * identical, with one choice for them all and the lead sent to the call to check.
 */
const ORGS: Record<string, string> = { 'o-age': 'Age UK Hartside', 'o-council': 'Hartside Council' };
const orgName = (id: string) => ORGS[id] ?? id;
const seen = (from: number, to: number) => `seen ${formatTime(from)}–${formatTime(to)}`;
const onCall = (from = start, to = start + minute): RowTraits => ({
  firstSeenAt: from,
  lastSeenAt: to,
  fromCall: true,
});

describe('what tells rows of one name apart', () => {
  it('a row alone needs nothing and looks like no other', () => {
    expect(rowDetails([onCall()], orgName)).toEqual([{ detail: seen(start, start + minute), sameAs: 0 }]);
  });

  it('organisation and seen times, as the rows hold them, never a number', () => {
    const details = rowDetails(
      [{ ...onCall(), organisationId: 'o-age' }, onCall(start + 2 * minute, start + 3 * minute)],
      orgName,
    );
    expect(details).toEqual([
      { detail: `Age UK Hartside, ${seen(start, start + minute)}`, sameAs: 0 },
      { detail: seen(start + 2 * minute, start + 3 * minute), sameAs: 1 },
    ]);
    for (const { detail } of details) expect(detail).not.toMatch(/number|\d+ of/);
  });

  it('an address on one row names it', () => {
    const details = rowDetails([onCall(), { ...onCall(), email: 'alex@ageuk.example' }], orgName);
    expect(details.map((d) => d.detail)).toEqual([
      seen(start, start + minute),
      `alex@ageuk.example, ${seen(start, start + minute)}`,
    ]);
    expect(details.map((d) => d.sameAs)).toEqual([0, 1]);
  });

  it('invited, joined uninvited and added by hand: said only where the rows differ in it', () => {
    const rows: RowTraits[] = [
      { fromCall: false, invited: true },
      { fromCall: false },
      { fromCall: false, invited: true, organisationId: 'o-council' },
    ];
    expect(rowDetails(rows, orgName).map((d) => d.detail)).toEqual([
      'not seen on the call, invited',
      'not seen on the call, added by hand',
      'Hartside Council, not seen on the call, invited',
    ]);
    // Seen rows: one came from a calendar invitation, the other only joined.
    expect(rowDetails([{ ...onCall(), invited: true }, onCall()], orgName).map((d) => d.detail)).toEqual([
      `${seen(start, start + minute)}, invited`,
      `${seen(start, start + minute)}, not invited`,
    ]);
    // All invited alike: the word tells nothing and is left out.
    expect(
      rowDetails(
        [
          { fromCall: false, invited: true, organisationId: 'o-age' },
          { fromCall: false, invited: true },
        ],
        orgName,
      ).map((d) => d.detail),
    ).toEqual(['Age UK Hartside, not seen on the call', 'not seen on the call']);
  });

  it('rows nothing tells apart (same organisation, times shown alike) look identical: each points at the first of them', () => {
    // Seconds apart: the times the lead sees are the same.
    const a = { ...onCall(start, start + minute), organisationId: 'o-age' };
    const b = { ...onCall(start + 5_000, start + minute + 5_000), organisationId: 'o-age' };
    const other = onCall(start + 9 * minute, start + 10 * minute);
    const details = rowDetails([other, a, b, { ...a }], orgName);
    expect(details.map((d) => d.sameAs)).toEqual([0, 1, 1, 1]);
    expect(details[1]!.detail).toBe(details[2]!.detail);
    expect(details[0]!.detail).not.toBe(details[1]!.detail);
    for (const { detail } of details) expect(detail).not.toMatch(/number/);
  });

  it('attacker: two organisations of one name are not told apart by their hidden ids: the rows look identical, and are said to', () => {
    const lookalike = { 'o-a': 'Age UK', 'o-b': 'Age UK' } as Record<string, string>;
    const details = rowDetails(
      [
        { ...onCall(), organisationId: 'o-a' },
        { ...onCall(), organisationId: 'o-b' },
      ],
      (id) => lookalike[id] ?? id,
    );
    // Shown alike, so they look identical to the lead: said so, never a made-up difference.
    expect(details.map((d) => d.sameAs)).toEqual([0, 0]);
  });
});
