import { browser } from '#imports';
import { isOutlineRequest, type ContentMessage, type OutlineReply } from '../browser/messaging';
import { pageOutline } from './outline';
import { getEnabledPlatforms, watchEnabledPlatforms } from './enabled';
import type { PlatformId, PlatformReader, Snapshot } from './snapshot';
import { watchPage, type WatchOptions } from './watch';

/** The part of WXT's ContentScriptContext the content scripts use. */
export interface ReaderContext {
  readonly isInvalid: boolean;
  onInvalidated(callback: () => void): unknown;
}

/**
 * What every content script does: while its platform is switched on in the settings
 * (`enabledPlatforms`, read through ./enabled to keep the script small), watch the
 * page and send each changed snapshot to the background; stop when switched off or when the
 * extension is reloaded or removed (the context is invalidated).
 */
export function runReader(
  ctx: ReaderContext,
  reader: PlatformReader,
  options: Pick<WatchOptions<Snapshot>, 'shouldRead' | 'throttleMs' | 'getUrl'> = {},
): void {
  whileEnabled(ctx, reader.id, () => {
    const stopWatching = watchPage({ reader, onSnapshot: sendSnapshot, ...options });
    const stopAnswering = answerOutlineRequests(options.shouldRead);
    return () => {
      stopWatching();
      stopAnswering();
    };
  });
}

/** Answers the panel's "Copy page outline" with this page's structure (see ./outline: no text, no names). */
function answerOutlineRequests(shouldRead: (url: string) => boolean = () => true): () => void {
  const listener = (message: unknown): Promise<OutlineReply> | undefined => {
    if (!isOutlineRequest(message) || !shouldRead(location.href)) return undefined;
    return Promise.resolve({ type: 'pp:outline-reply', outline: pageOutline(document) });
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}

/**
 * Runs `start` while the platform is switched on in the settings, and calls the stop
 * function it returns when it is switched off or the extension goes away.
 */
export function whileEnabled(ctx: ReaderContext, platform: PlatformId, start: () => () => void): void {
  let stop: (() => void) | null = null;
  const apply = (enabled: readonly PlatformId[] | null) => {
    const on = !!enabled?.includes(platform) && !ctx.isInvalid;
    if (on && !stop) stop = start();
    if (!on && stop) {
      stop();
      stop = null;
    }
  };
  // A change seen before the first read has finished is newer than what that read returns.
  let changed = false;
  const unwatch = watchEnabledPlatforms((enabled) => {
    changed = true;
    apply(enabled);
  });
  getEnabledPlatforms().then(
    (enabled) => changed || apply(enabled),
    () => changed || apply(null),
  );
  ctx.onInvalidated(() => {
    unwatch();
    stop?.();
    stop = null;
  });
}

export function sendSnapshot(snapshot: Snapshot): void {
  sendToBackground({ type: 'pp:snapshot', snapshot });
}

/** A content script's message to the background, sent without waiting for an answer. */
export function sendToBackground(message: ContentMessage): void {
  try {
    // Rejects when nothing listens: nobody to tell, and nothing to show on the page.
    browser.runtime.sendMessage(message).catch(() => {});
  } catch {
    // The extension was reloaded under this page: the context is gone.
  }
}
