import { computed, createModel, effect, signal } from '@preact/signals';
import type { PlatformId } from '../platforms/snapshot';
import {
  fieldText,
  ownWrites,
  type OwnWrites,
  thresholdInvalid,
  thresholdOf,
  widgetHostInvalid,
  widgetHostOf,
} from './form';
import { liveSetting, type LiveSetting } from './live';
import {
  anonymityThreshold,
  autoAddChatCodes,
  defaultPartnershipId,
  enabledPlatforms,
  widgetBaseUrl,
  widgetHost,
} from './settings';
import { readonly } from '../models/readonly';

/** Stores what a typed field means (nothing for null, or the value last written); a failed write is no echo to wait for. */
async function writeTyped<T>(
  item: { setValue(value: T): Promise<void> },
  writes: OwnWrites<T>,
  value: T | null,
): Promise<void> {
  if (value === null || !writes.write(value)) return;
  try {
    await item.setValue(value);
  } catch (error) {
    writes.failed(value);
    throw error;
  }
}

/**
 * The management page's settings form: each setting read live (a change made in another page
 * shows here), the two typed fields' text with their errors, and one action per field that
 * stores what the field means, or nothing when it means nothing storable. `new SettingsModel()`,
 * disposed with its page.
 */
export const SettingsModel = createModel(() => {
  const threshold = liveSetting(anonymityThreshold);
  const platforms = liveSetting(enabledPlatforms);
  const partnershipId = liveSetting(defaultPartnershipId);
  const host = liveSetting(widgetHost);
  const autoAdd = liveSetting(autoAddChatCodes);
  const all = [threshold, platforms, partnershipId, host, autoAdd];

  const thresholdText = signal('');
  const hostText = signal('');
  const thresholdWrites = ownWrites<number>();
  const hostWrites = ownWrites<string>();
  // A stored value read or changed elsewhere becomes the field's text, unless the text already
  // means it or it is this page's own write coming back.
  effect(() => {
    const stored = threshold.value.value;
    if (stored !== undefined && !thresholdWrites.isEcho(stored))
      thresholdText.value = fieldText(thresholdText.peek(), stored, thresholdOf, String);
  });
  effect(() => {
    const stored = host.value.value;
    if (stored !== undefined && !hostWrites.isEcho(stored))
      hostText.value = fieldText(hostText.peek(), stored, widgetHostOf, String);
  });

  // What a choice field shows: the stored value once read, and the user's choice at once.
  const shown = <T>(setting: LiveSetting<T>, empty: T) => {
    const value = signal(empty);
    effect(() => {
      const stored = setting.value.value;
      if (stored !== undefined) value.value = stored;
    });
    return value;
  };
  const platformsShown = shown(platforms, []);
  const partnershipShown = shown(partnershipId, null);
  const autoAddShown = shown(autoAdd, false);

  return {
    thresholdText: readonly(thresholdText),
    thresholdInvalid: computed(() => thresholdInvalid(thresholdText.value)),
    hostText: readonly(hostText),
    hostInvalid: computed(() => widgetHostInvalid(hostText.value)),
    platforms: readonly(platformsShown),
    /** '' for none. */
    partnershipId: computed(() => partnershipShown.value ?? ''),
    autoAdd: readonly(autoAddShown),
    /** Every setting read (the form shows empty fields until then). */
    loaded: computed(() => all.every((setting) => setting.value.value !== undefined)),
    /** A setting could not be read. */
    failed: computed(() => all.some((setting) => setting.error.value !== null)),

    /** The field's text, and the setting it means stored: the write, which rejects if storing failed. */
    setThresholdText(text: string): Promise<void> {
      thresholdText.value = text;
      return writeTyped(anonymityThreshold, thresholdWrites, thresholdOf(text));
    },
    setHostText(text: string): Promise<void> {
      hostText.value = text;
      return writeTyped(widgetHost, hostWrites, widgetHostOf(text));
    },
    setPlatforms(next: PlatformId[]) {
      platformsShown.value = next;
      void enabledPlatforms.setValue(next);
    },
    setPartnershipId(id: string) {
      partnershipShown.value = id || null;
      void defaultPartnershipId.setValue(id || null);
    },
    setAutoAdd(on: boolean) {
      autoAddShown.value = on;
      void autoAddChatCodes.setValue(on);
    },
  };
});

export type SettingsModel = InstanceType<typeof SettingsModel>;

/** The hosted pulse.html address the panel links to: undefined until read, null when none is set. */
export const WidgetHostModel = createModel(() => {
  const host = liveSetting(widgetHost);
  return {
    host: computed(() => (host.value.value === undefined ? undefined : widgetBaseUrl(host.value.value))),
  };
});

/** Whether to add the response codes seen in the call chat without asking: undefined until read. */
export const AutoAddChatCodesModel = createModel(() => ({ on: liveSetting(autoAddChatCodes).value }));
