import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from '#imports';
import { liveTabItem, type LiveTab } from '../../../utils/browser/live-tab';
import { LiveTabModel } from '../../../utils/models/live-tab';

const TAB = 7;
const until = (check: () => void) => vi.waitFor(check, { timeout: 20_000, interval: 10 });
/** What a tab's chat showed: one code, told apart by its text. */
const seen = (code: string): LiveTab => ({ chatCodes: [code], chatOpen: true });

const models: LiveTabModel[] = [];
afterEach(() => {
  models.splice(0).forEach((model) => model[Symbol.dispose]());
  vi.restoreAllMocks();
});

describe("the side panel's live tab", () => {
  it('shows what the tab sees, and every change after', async () => {
    await liveTabItem(TAB).setValue(seen('first'));
    const model = new LiveTabModel(TAB);
    models.push(model);
    await model.ready();
    expect(model.live.value).toEqual(seen('first'));
    await liveTabItem(TAB).setValue(seen('a later one'));
    await until(() => expect(model.live.value).toEqual(seen('a later one')));
    await liveTabItem(TAB).removeValue();
    await until(() => expect(model.live.value).toEqual({}));
  });

  it('keeps a change that lands while the first read is under way, not the older value that read returns', async () => {
    await liveTabItem(TAB).setValue(seen('old'));
    // The first read takes a while: it has read the old value when a change lands.
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const get = fakeBrowser.storage.session.get.bind(fakeBrowser.storage.session);
    vi.spyOn(fakeBrowser.storage.session, 'get').mockImplementation(async (keys) => {
      const answer = await get(keys);
      await gate;
      return answer;
    });
    const model = new LiveTabModel(TAB);
    models.push(model);
    await liveTabItem(TAB).setValue(seen('newer value'));
    await until(() => expect(model.live.value).toEqual(seen('newer value')));
    release();
    await model.ready();
    for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
    expect(model.live.value).toEqual(seen('newer value'));
  });

  it('has nothing to show without a tab', async () => {
    const model = new LiveTabModel(null);
    models.push(model);
    await model.ready();
    expect(model.live.value).toEqual({});
  });
});
