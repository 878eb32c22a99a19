import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from '#imports';
import type { SettingItem } from '../../../utils/settings/live';
import { AutoAddChatCodesModel, SettingsModel, WidgetHostModel } from '../../../utils/settings/model';
import {
  anonymityThreshold,
  defaultPartnershipId,
  enabledPlatforms,
  widgetHost,
} from '../../../utils/settings/settings';

/** Lets the model's reads and writes run: enough where nothing more is expected to happen. */
const settle = async () => {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
};
/** Waits for what the model must do: storage's work can run past settle() on a loaded machine. */
const until = (check: () => Promise<void> | void) => vi.waitFor(check, { timeout: 20_000, interval: 10 });
const loaded = (model: SettingsModel) => until(() => expect(model.loaded.value).toBe(true));

/** As in a browser: a write's change event comes back a little later. */
function delayEchoes<T>(item: SettingItem<T>) {
  const watch = item.watch.bind(item);
  vi.spyOn(item, 'watch').mockImplementation((cb: (value: T) => void) =>
    watch((value) => setTimeout(() => cb(value), 5)),
  );
}

const models: Array<{ [Symbol.dispose](): void }> = [];
function open<M extends { [Symbol.dispose](): void }>(model: M): M {
  models.push(model);
  return model;
}
afterEach(() => {
  models.splice(0).forEach((model) => model[Symbol.dispose]());
  vi.restoreAllMocks();
});

describe('the settings form’s model', { timeout: 30_000 }, () => {
  it('is loading with empty fields until every setting is read, then shows them', async () => {
    await anonymityThreshold.setValue(4);
    await widgetHost.setValue('https://intranet.example.org/pulse.html');
    const model = open(new SettingsModel());
    expect(model.loaded.value).toBe(false);
    expect(model.thresholdText.value).toBe('');
    await loaded(model);
    expect(model.failed.value).toBe(false);
    expect(model.thresholdText.value).toBe('4');
    expect(model.hostText.value).toBe('https://intranet.example.org/pulse.html');
    expect(model.platforms.value).toEqual(await enabledPlatforms.getValue());
    expect(model.partnershipId.value).toBe('');
    expect(model.autoAdd.value).toBe(false);
  });

  it('loses nothing typed while its own earlier writes come back', async () => {
    // As in a browser, where a write's change event comes back after later keys were typed.
    delayEchoes(widgetHost);
    delayEchoes(anonymityThreshold);
    const model = open(new SettingsModel());
    await loaded(model);
    // A typist: each key adds to what the field shows, while the writes of earlier keys echo back.
    const typed = 'https://pulse.example.org/pulse.html';
    for (const key of typed) {
      model.setHostText(model.hostText.value + key);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    for (const key of '123') {
      model.setThresholdText(model.thresholdText.value.replace(/^3$/, '') + key);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await until(async () => {
      expect(await widgetHost.getValue()).toBe(typed);
      expect(await anonymityThreshold.getValue()).toBe(123);
    });
    // The last writes' echoes come back 5 ms after them: wait past that before the field is read.
    await new Promise((resolve) => setTimeout(resolve, 10));
    await settle();
    expect(model.hostText.value).toBe(typed);
    expect(await widgetHost.getValue()).toBe(typed);
    expect(model.thresholdText.value).toBe('123');
    expect(await anonymityThreshold.getValue()).toBe(123);
  });

  it('shows a setting changed in another page', async () => {
    const model = open(new SettingsModel());
    await loaded(model);
    // Another extension page writes the same storage area.
    await fakeBrowser.storage.local.set({
      anonymityThreshold: 6,
      enabledPlatforms: ['zoom'],
      defaultPartnershipId: 'p-2',
      autoAddChatCodes: true,
    });
    await until(() => expect(model.autoAdd.value).toBe(true));
    await until(() => expect(model.thresholdText.value).toBe('6'));
    expect(model.platforms.value).toEqual(['zoom']);
    expect(model.partnershipId.value).toBe('p-2');
    expect(model.autoAdd.value).toBe(true);
  });

  it('stores a typed threshold it can, and shows an error and stores nothing for one it cannot', async () => {
    const model = open(new SettingsModel());
    await loaded(model);
    model.setThresholdText('1');
    await until(() => expect(model.thresholdInvalid.value).toBe(true));
    await settle();
    expect(model.thresholdText.value).toBe('1');
    expect(await anonymityThreshold.getValue()).toBe(3);
    model.setThresholdText('05');
    await until(async () => expect(await anonymityThreshold.getValue()).toBe(5));
    await settle();
    expect(model.thresholdInvalid.value).toBe(false);
    expect(await anonymityThreshold.getValue()).toBe(5);
    // The stored 5 came back through the watch: the text being typed is kept, not rewritten.
    expect(model.thresholdText.value).toBe('05');
  });

  it('never stores a widget address the panel must not link to', async () => {
    const model = open(new SettingsModel());
    await loaded(model);
    model.setHostText('http://intranet.example.org/pulse.html');
    await until(() => expect(model.hostInvalid.value).toBe(true));
    await settle();
    expect(await widgetHost.getValue()).toBe('');
    model.setHostText(' https://intranet.example.org/pulse.html ');
    await until(async () => expect(await widgetHost.getValue()).toBe('https://intranet.example.org/pulse.html'));
    expect(model.hostInvalid.value).toBe(false);
    expect(await widgetHost.getValue()).toBe('https://intranet.example.org/pulse.html');
  });

  it('shows a choice at once and stores it', async () => {
    const model = open(new SettingsModel());
    await loaded(model);
    model.setPlatforms(['teams']);
    model.setAutoAdd(true);
    model.setPartnershipId('p-1');
    expect(model.platforms.value).toEqual(['teams']);
    expect(model.autoAdd.value).toBe(true);
    expect(model.partnershipId.value).toBe('p-1');
    await until(async () => expect(await enabledPlatforms.getValue()).toEqual(['teams']));
    await until(async () => expect(await defaultPartnershipId.getValue()).toBe('p-1'));
    expect(await defaultPartnershipId.getValue()).toBe('p-1');
    model.setPartnershipId('');
    await until(async () => expect(await defaultPartnershipId.getValue()).toBeNull());
    await settle();
    expect(model.partnershipId.value).toBe('');
  });

  it('shows a value set in another page that this page once failed to write', async () => {
    const model = open(new SettingsModel());
    await loaded(model);
    // This page's write of 7 fails (storage full, say): nothing stored, no echo to come.
    const failure = new Error('quota exceeded');
    vi.spyOn(anonymityThreshold, 'setValue').mockRejectedValueOnce(failure);
    await expect(model.setThresholdText('7')).rejects.toBe(failure);
    expect(await anonymityThreshold.getValue()).toBe(3);
    // Then another page sets 5, and later 7: each is shown, the 7 too (it is no echo of this page's).
    await fakeBrowser.storage.local.set({ anonymityThreshold: 5 });
    await until(() => expect(model.thresholdText.value).toBe('5'));
    await fakeBrowser.storage.local.set({ anonymityThreshold: 7 });
    await until(() => expect(model.thresholdText.value).toBe('7'));
    // And typing the value that failed writes it again.
    await model.setThresholdText('4');
    expect(await anonymityThreshold.getValue()).toBe(4);
    await fakeBrowser.storage.local.set({ anonymityThreshold: 6 });
    await until(() => expect(model.thresholdText.value).toBe('6'));
    vi.spyOn(widgetHost, 'setValue').mockRejectedValueOnce(failure);
    await expect(model.setHostText('https://a.example.org/pulse.html')).rejects.toBe(failure);
    await model.setHostText('https://a.example.org/pulse.html');
    expect(await widgetHost.getValue()).toBe('https://a.example.org/pulse.html');
  });

  it('says so when the settings cannot be read', async () => {
    const get = fakeBrowser.storage.local.get;
    fakeBrowser.storage.local.get = (() => Promise.reject(new Error('storage unavailable'))) as typeof get;
    try {
      const model = open(new SettingsModel());
      await until(() => expect(model.failed.value).toBe(true));
      expect(model.loaded.value).toBe(false);
    } finally {
      fakeBrowser.storage.local.get = get;
    }
  });

  it('stops watching once disposed', async () => {
    const model = new SettingsModel();
    await loaded(model);
    model[Symbol.dispose]();
    await anonymityThreshold.setValue(7);
    await settle();
    expect(model.thresholdText.value).toBe('3');
  });
});

describe('the panel’s setting models', { timeout: 30_000 }, () => {
  it('gives the widget address the panel may link to, undefined until read, kept current', async () => {
    const model = open(new WidgetHostModel());
    expect(model.host.value).toBeUndefined();
    await until(() => expect(model.host.value).toBeNull());
    await fakeBrowser.storage.local.set({ widgetHost: 'https://intranet.example.org/pulse.html#old' });
    await until(() => expect(model.host.value).toBe('https://intranet.example.org/pulse.html'));
    await fakeBrowser.storage.local.set({ widgetHost: 'http://evil.example/pulse.html' });
    await until(() => expect(model.host.value).toBeNull());
  });

  it('follows the auto-add setting', async () => {
    const model = open(new AutoAddChatCodesModel());
    expect(model.on.value).toBeUndefined();
    await until(() => expect(model.on.value).toBe(false));
    await fakeBrowser.storage.local.set({ autoAddChatCodes: true });
    await until(() => expect(model.on.value).toBe(true));
  });
});
