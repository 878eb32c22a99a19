// Attacker's tests: any call participant can post codes in the chat. Auto-add is off unless the
// lead turns it on, and then it takes the paste box's path: nothing the paste box refuses.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { signal } from '@preact/signals';
import { fakeBrowser } from '#imports';
import type { Pulse } from '../../../utils/db/records';
import type { PulseDatabase } from '../../../utils/db/schema';
import { ChatCodesModel, newCodeCount } from '../../../utils/pulse/chat-codes-model';
import { collectChatCodes, collectCodes, previewChatCodes, type CodeReport } from '../../../utils/pulse/collect';
import { releaseAt } from '../../../utils/pulse/release';
import type { ResponsePayload } from '../../../utils/pulse/response-code';
import { putMembers, sealForPulse, startedPulse } from './helpers';
import { makeSeatToken } from '../../../utils/pulse/seats';
import { autoAddChatCodes } from '../../../utils/settings/settings';
import { freshDb } from '../db/helpers';

// Every add of chat codes waits at this gate first (open unless a test closes it), so a test can
// hold an add while the chat changes; every chat text a preview has read is noted in `previewed`,
// so a test can wait for the read. Otherwise the paste box's own path, unchanged.
const gate = vi.hoisted(() => ({ closed: null as Promise<void> | null, previewed: [] as string[] }));
vi.mock('../../../utils/pulse/collect', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../utils/pulse/collect')>();
  return {
    ...actual,
    collectChatCodes: async (...args: Parameters<typeof actual.collectChatCodes>) => {
      await gate.closed;
      return actual.collectChatCodes(...args);
    },
    previewChatCodes: async (...args: Parameters<typeof actual.previewChatCodes>) => {
      const reports = await actual.previewChatCodes(...args);
      gate.previewed.push(args[1]);
      return reports;
    },
  };
});

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 2, 10, 12);
const ORG = '2b2b2b2b-1111-4222-8333-444455556601';

let db: PulseDatabase;
let pulse: Pulse;

const seal = (overrides: Partial<ResponsePayload> = {}) => sealForPulse(pulse, { trust: 3 }, NOW, overrides);

beforeEach(async () => {
  fakeBrowser.reset();
  gate.previewed = [];
  db = await freshDb('chat-codes');
  await putMembers(db, 'p1', [[ORG, 'core']]);
  pulse = await startedPulse(db, { invitedOrganisationIds: [ORG], expiresAt: NOW + DAY }, NOW - DAY);
});

describe('codes from the call chat', () => {
  it('are not added without asking unless the lead turns that on', async () => {
    expect(await autoAddChatCodes.getValue()).toBe(false);
  });

  it('meet the paste box’s refusals exactly: over the cap, forged seat, from the future, before the start', async () => {
    const first = await seal();
    await collectCodes(db, first, { now: NOW });
    const attacks = await Promise.all([
      seal(),
      seal({ token: makeSeatToken(), partnerType: undefined }),
      seal({ answeredAt: NOW + DAY }),
      seal({ answeredAt: 0 }),
    ]);
    const digest = JSON.stringify(await db.getAll('responses'));
    const preview = await previewChatCodes(db, attacks.join('\n'), NOW);
    // The preview cannot know the cap (it stores nothing); adding it refuses the code.
    expect(preview.map((r) => r.outcome)).toEqual(['added', 'unknown-seat', 'from-the-future', 'before-start']);
    const chat = await collectChatCodes(db, attacks.join('\n'), NOW);
    expect(chat.map((r) => r.outcome)).toEqual(['over-cap', 'unknown-seat', 'from-the-future', 'before-start']);
    expect(JSON.stringify(await db.getAll('responses'))).toBe(digest);
  });

  it('hold a code posted after release, as the paste box does', async () => {
    const reports = await collectChatCodes(db, await seal({ answeredAt: NOW }), releaseAt(pulse) + 1);
    expect(reports.map((r) => r.outcome)).toEqual(['held']);
  });

  it('add nothing from a chat holding more codes than a paste may', async () => {
    const flood = [await seal(), ...Array.from({ length: 2000 }, (_, i) => `PP2.${String(i).padStart(10, '_')}`)];
    expect(await collectChatCodes(db, flood.join(' '), NOW)).toEqual([]);
    expect(await previewChatCodes(db, flood.join(' '), NOW)).toEqual([]);
    expect(await db.count('responses')).toBe(0);
  });
});

/** Lets the model's reads and adds run: only before checking that nothing more happened. */
const settle = async () => {
  for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
};
/** Waits for what the model must do: its sealed-code reads took longer than settle() under load. */
const until = (check: () => Promise<void> | void) => vi.waitFor(check, { timeout: 20_000, interval: 10 });
const responses = (n: number) => until(async () => expect(await db.count('responses')).toBe(n));
/** Waits for the add to end: the response is stored (and counted) before the add says so. */
const added = (model: ChatCodesModel, n: number) => until(() => expect(model.added.value).toBe(n));
/** Waits for a preview of this chat text to be read. */
const previewed = (text: string) => until(() => expect(gate.previewed).toContain(text));

describe('the chat codes’ model', { timeout: 30_000 }, () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('counts as new only the answers a paste adds or replaces', () => {
    const reports = (['added', 'replaced', 'duplicate', 'over-cap', 'held'] as const).map(
      (outcome) => ({ outcome }) as CodeReport,
    );
    expect(newCodeCount(reports)).toBe(2);
  });

  it('offers new codes and adds nothing while auto-add is off, nor before the setting is read', async () => {
    const auto = signal<boolean | undefined>(undefined);
    const code = await seal();
    const model = new ChatCodesModel(db, code, auto);
    await previewed(code);
    await settle();
    expect(model.fresh.value).toBe(0);
    auto.value = false;
    await until(() => expect(model.fresh.value).toBe(1));
    await settle();
    expect(await db.count('responses')).toBe(0);
    await model.add();
    expect(model.added.value).toBe(1);
    expect(model.fresh.value).toBe(0);
    expect(await db.count('responses')).toBe(1);
    model[Symbol.dispose]();
  });

  it('adds the same code seen in two chat messages once', async () => {
    const code = await seal();
    const model = new ChatCodesModel(db, code, signal(true));
    await responses(1);
    await added(model, 1);
    model.setText(`${code}\n${code}`);
    await previewed(`${code}\n${code}`);
    await settle();
    expect(await db.count('responses')).toBe(1);
    expect(model.added.value).toBe(1);
    expect(model.fresh.value).toBe(0);
    model[Symbol.dispose]();
  });

  it('adds a code posted after an add of refused codes (a change the add itself never announces)', async () => {
    const [forged, good] = await Promise.all([seal({ token: makeSeatToken(), partnerType: undefined }), seal()]);
    const model = new ChatCodesModel(db, forged, signal(true));
    const running = model.add();
    model.setText(`${forged}\n${good}`);
    await running;
    await responses(1);
    await added(model, 1);
    model[Symbol.dispose]();
  });

  it('adds, once the running add of refused codes ends, a code the chat showed while it ran', async () => {
    const [forged, good] = await Promise.all([seal({ token: makeSeatToken(), partnerType: undefined }), seal()]);
    const model = new ChatCodesModel(db, forged, signal(true));
    let open!: () => void;
    gate.closed = new Promise((resolve) => (open = resolve));
    try {
      const running = model.add();
      // The chat shows a good code while the add of the forged one waits: read, found new, and
      // its auto-add joins the add already running, which knows only the forged code.
      model.setText(`${forged}\n${good}`);
      await previewed(`${forged}\n${good}`);
      expect(await db.count('responses')).toBe(0);
      open();
      await running;
      // Nothing changed since to read again: only the retry at the add's end adds it.
      await responses(1);
    } finally {
      gate.closed = null;
    }
    await added(model, 1);
    expect(model.fresh.value).toBe(0);
    model[Symbol.dispose]();
  });

  it('adds nothing the paste box would refuse: a forged seat, an answer from the future', async () => {
    const attacks = await Promise.all([
      seal({ token: makeSeatToken(), partnerType: undefined }),
      seal({ answeredAt: NOW + DAY }),
    ]);
    const model = new ChatCodesModel(db, attacks.join('\n'), signal(true));
    await previewed(attacks.join('\n'));
    await settle();
    expect(await db.count('responses')).toBe(0);
    expect(model.added.value).toBe(null);
    model[Symbol.dispose]();
  });
});
