// Attacker's tests first: anyone holding the shared link (or only the public key) can mint codes;
// the cap keeps them to one answer per invited organisation of each partner type.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Pulse } from '../../../utils/db/records';
import { listResponses } from '../../../utils/db/responses';
import type { PulseDatabase } from '../../../utils/db/schema';
import { addQuickRound, collectCodes, countOutcomes } from '../../../utils/pulse/collect';
import { releaseAt } from '../../../utils/pulse/release';
import type { ResponsePayload } from '../../../utils/pulse/response-code';
import { sealResponseV1 } from '../../../utils/pulse/response-code-v1';
import { putMembers, sealForPulse, startedPulse } from './helpers';
import { isSharedLinkPulse, partnerTypesOf, sharedLinkCap } from '../../../utils/pulse/shared-link';
import { membership } from '../../factories';
import { freshDb, readPulse } from '../db/helpers';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 2, 10, 12);
const LEAD = '1a1a1a1a-1111-4222-8333-444455556601';
const CORE = ['1a1a1a1a-1111-4222-8333-444455556602', '1a1a1a1a-1111-4222-8333-444455556603'];
const WIDER = '1a1a1a1a-1111-4222-8333-444455556604';
const GUEST = '1a1a1a1a-1111-4222-8333-444455556605';

describe('sharedLinkCap', () => {
  const types = partnerTypesOf([
    membership({ partnershipId: 'p', organisationId: LEAD, partnerType: 'lead' }),
    ...CORE.map((organisationId) => membership({ partnershipId: 'p', organisationId, partnerType: 'core' })),
    membership({ partnershipId: 'p', organisationId: WIDER, partnerType: 'wider' }),
    membership({ partnershipId: 'p', organisationId: GUEST, partnerType: 'core', deletedAt: 1 }),
  ]);

  it('is the invited organisations per partner type, each once; one the records do not type is wider', () => {
    expect(sharedLinkCap({ invitedOrganisationIds: [LEAD, ...CORE, WIDER, CORE[0]!] }, types)).toEqual({
      lead: 1,
      core: 2,
      wider: 1,
    });
    // A deleted membership types nothing: the guest counts as wider.
    expect(sharedLinkCap({ invitedOrganisationIds: [GUEST] }, types)).toEqual({ lead: 0, core: 0, wider: 1 });
    expect(sharedLinkCap({ invitedOrganisationIds: [] }, types)).toEqual({ lead: 0, core: 0, wider: 0 });
  });

  it('is the seats per partner type when the pulse has seats', () => {
    const seats = [
      { partnerType: 'core' as const },
      { partnerType: 'core' as const },
      { partnerType: 'core' as const },
    ];
    expect(sharedLinkCap({ invitedOrganisationIds: [LEAD, WIDER] }, types, seats)).toEqual({
      lead: 0,
      core: 3,
      wider: 0,
    });
    expect(isSharedLinkPulse(seats)).toBe(false);
    expect(isSharedLinkPulse([])).toBe(true);
    expect(isSharedLinkPulse()).toBe(true);
  });
});

describe('collecting shared-link codes', () => {
  let db: PulseDatabase;
  let pulse: Pulse;

  const seal = (overrides: Partial<ResponsePayload> = {}) =>
    sealForPulse(pulse, { trust: 1, equity: 1 }, NOW, overrides);

  const responsesDigest = async () =>
    JSON.stringify(await db.getAll('responses')) + JSON.stringify((await readPulse(db, pulse.id))?.summary);

  beforeEach(async () => {
    db = await freshDb('shared-link');
    await putMembers(db, 'p1', [
      [LEAD, 'lead'],
      [CORE[0]!, 'core'],
      [CORE[1]!, 'core'],
      [WIDER, 'wider'],
    ]);
    pulse = await startedPulse(
      db,
      { invitedOrganisationIds: [LEAD, ...CORE, WIDER], expiresAt: NOW + 7 * DAY },
      NOW - DAY,
    );
  });

  it('caps 100 codes minted from the link alone at the invited organisations per type, and counts the refused', async () => {
    const minted = await Promise.all(
      Array.from({ length: 100 }, (_, i) => seal({ partnerType: (['lead', 'core', 'wider'] as const)[i % 3] })),
    );
    const reports = await collectCodes(db, minted.join('\n'), { pulseId: pulse.id, now: NOW });
    const counts = countOutcomes(reports);
    expect(counts.added).toBe(4);
    expect(counts['over-cap']).toBe(96);
    const stored = await listResponses(db, pulse.id);
    expect(stored.map((r) => r.partnerType).sort()).toEqual(['core', 'core', 'lead', 'wider']);
    expect((await readPulse(db, pulse.id))?.refusedOverCap).toBe(96);
    expect((await readPulse(db, pulse.id))?.summary?.responses).toBe(4);
  });

  it('refuses a code over the cap on a later paste too, storing no response and leaving the summary', async () => {
    await collectCodes(db, (await Promise.all([seal(), seal()])).join(' '), { pulseId: pulse.id, now: NOW });
    const before = await responsesDigest();
    const reports = await collectCodes(db, await seal(), { pulseId: pulse.id, now: NOW });
    expect(reports.map((r) => r.outcome)).toEqual(['over-cap']);
    expect(await responsesDigest()).toBe(before);
    expect((await readPulse(db, pulse.id))?.refusedOverCap).toBe(1);
  });

  it('counts late-queue answers against the cap (they would count once added)', async () => {
    const released = releaseAt(pulse) + 1;
    const reports = await collectCodes(db, (await Promise.all([seal(), seal(), seal()])).join(' '), {
      pulseId: pulse.id,
      now: released,
    });
    expect(reports.map((r) => r.outcome)).toEqual(['held', 'held', 'over-cap']);
  });

  it("counts the lead's quick round against the same cap: typed answers cannot pad a group past it", async () => {
    // Attacker: the lead. One wider organisation is invited and has answered through the link;
    // typing two more wider answers of known value would lift the group to 3 and show it.
    expect(
      (await collectCodes(db, await seal({ partnerType: 'wider' }), { pulseId: pulse.id, now: NOW }))[0],
    ).toMatchObject({ outcome: 'added' });
    const before = await responsesDigest();
    const typed = (organisationId: string, partnerType: 'core' | 'wider') => ({
      responseId: crypto.randomUUID(),
      partnerType,
      organisationId,
      answers: { trust: 5 },
    });
    expect(await addQuickRound(db, pulse.id, [typed(WIDER, 'wider'), typed(WIDER, 'wider')], NOW + 1)).toEqual([
      'over-cap',
      'over-cap',
    ]);
    expect(await responsesDigest()).toBe(before);
    // Typed answers are no codes: the panel's count of refused codes is left as it was.
    expect((await readPulse(db, pulse.id))?.refusedOverCap).toBeUndefined();
    // Within the cap the round is saved, and codes after it count it against the cap.
    expect(await addQuickRound(db, pulse.id, [typed(CORE[0]!, 'core'), typed(CORE[1]!, 'core')], NOW + 2)).toEqual([
      'added',
      'added',
    ]);
    const after = await collectCodes(db, await seal({ partnerType: 'core' }), { pulseId: pulse.id, now: NOW + 3 });
    expect(after.map((r) => r.outcome)).toEqual(['over-cap']);
    expect((await readPulse(db, pulse.id))?.summary?.responses).toBe(3);
  });

  it('says "already added" to a replay of accepted codes, never "over the cap", and counts no refusal', async () => {
    const [a, b] = await Promise.all([seal(), seal()]);
    await collectCodes(db, `${a} ${b}`, { pulseId: pulse.id, now: NOW });
    const again = await collectCodes(db, `${a} ${b}`, { pulseId: pulse.id, now: NOW });
    expect(again.map((r) => r.outcome)).toEqual(['already-added', 'already-added']);
    expect((await readPulse(db, pulse.id))?.refusedOverCap).toBeUndefined();
  });

  it("drops the organisation a PP1 code claims: anyone holding the link could answer in an invited organisation's name", async () => {
    // Attacker: a link-holder mints PP1 codes (the older format, which still names an organisation)
    // claiming the lead organisation, once with its own type and once as wider: no answer may show
    // under an organisation, only under the partner type it claims, within that type's cap.
    const minted = (organisationId: string, partnerType: 'lead' | 'wider') =>
      sealResponseV1(pulse.publicKeyJwk!, {
        v: 1,
        pulseId: pulse.id,
        responseId: crypto.randomUUID(),
        partnerType,
        organisationId,
        answers: { trust: 1, equity: 1 },
        answeredAt: NOW,
      });
    const codes = await Promise.all([minted(LEAD, 'lead'), minted(LEAD, 'wider'), minted(CORE[0]!, 'wider')]);
    const reports = await collectCodes(db, codes.join(' '), { pulseId: pulse.id, now: NOW });
    expect(reports.map((r) => r.outcome)).toEqual(['added', 'added', 'over-cap']);
    const stored = await listResponses(db, pulse.id);
    expect(stored.map((r) => [r.partnerType, r.organisationId]).sort()).toEqual([
      ['lead', undefined],
      ['wider', undefined],
    ]);
    expect(JSON.stringify(await db.getAll('responses'))).not.toContain(LEAD);
  });
});
