import { browser } from '#imports';
import type { CallPlatform } from './snapshot';
import { whileEnabled, type ReaderContext } from './content';

/*
 * Pulse response codes posted in a call's chat. Only the text of chat messages is read, and
 * from it only the codes: never who posted them. The pattern is the shape of a code
 * (utils/pulse/response-code.ts findResponseCodes, which the panel runs again before opening
 * anything); the cryptography stays out of the content scripts.
 *
 * Message text, per platform:
 * - Meet: the message body carries data-message-id (older layouts: data-message-text);
 * - Teams: data-tid="message-body-content" inside "chat-pane-message";
 * - Zoom web client: pre.chat-message__text-content (the row's aria-label also holds the
 *   sender's name, so it is not read).
 */

const MESSAGE_TEXT: Record<CallPlatform, string> = {
  meet: '[data-message-id], [data-message-text]',
  teams:
    '[data-tid="chat-pane-message"] [data-tid="message-body-content"], [data-tid="chat-pane-message"] [id^="content-"]',
  zoom: '.chat-message__text-content, .new-chat-message__text-content',
};

const CODE = /(?<![A-Za-z0-9_-])PP\d+\.[A-Za-z0-9_-]{16,}/g;

/** The codes in the chat messages on the page, in page order, each once. */
export function readChatCodes(doc: Document, platform: CallPlatform): string[] {
  const codes = new Set<string>();
  for (const message of doc.querySelectorAll(MESSAGE_TEXT[platform])) {
    for (const code of message.textContent?.match(CODE) ?? []) codes.add(code);
  }
  return [...codes];
}

export interface ChatCodesMessage {
  type: 'pp:chat-codes';
  codes: string[];
}

export function isChatCodesMessage(message: unknown): message is ChatCodesMessage {
  const { type, codes } = (message ?? {}) as Partial<ChatCodesMessage>;
  return type === 'pp:chat-codes' && Array.isArray(codes) && codes.every((code) => typeof code === 'string');
}

/**
 * Reads the chat now and after changes to the page (at most once per `throttleMs`), and calls
 * `onCodes` with the codes not reported before. Chats drop old messages as they scroll, so
 * the receiver keeps what it was told. Returns `stop()`.
 */
export function watchChatCodes(
  doc: Document,
  platform: CallPlatform,
  onCodes: (codes: string[]) => void,
  throttleMs = 1000,
): () => void {
  const reported = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastPassAt = Number.NEGATIVE_INFINITY;
  const pass = () => {
    timer = undefined;
    lastPassAt = Date.now();
    const fresh = readChatCodes(doc, platform).filter((code) => !reported.has(code));
    if (fresh.length === 0) return;
    for (const code of fresh) reported.add(code);
    onCodes(fresh);
  };
  const observer = new MutationObserver(() => {
    if (timer === undefined) timer = setTimeout(pass, Math.max(0, lastPassAt + throttleMs - Date.now()));
  });
  observer.observe(doc, { subtree: true, childList: true, characterData: true });
  pass();
  return () => {
    observer.disconnect();
    clearTimeout(timer);
  };
}

/** The content script's part: while the platform is switched on, send new chat codes to the background. */
export function runChatCodes(ctx: ReaderContext, platform: CallPlatform, doc: Document = document): void {
  whileEnabled(ctx, platform, () => watchChatCodes(doc, platform, sendChatCodes));
}

function sendChatCodes(codes: string[]): void {
  const message: ChatCodesMessage = { type: 'pp:chat-codes', codes };
  try {
    browser.runtime.sendMessage(message).catch(() => {});
  } catch {
    // The extension was reloaded under this page.
  }
}

/** The codes a tab has shown, oldest first, each once, at most `limit` (the oldest go first). */
export function mergeChatCodes(known: readonly string[] | undefined, fresh: readonly string[], limit = 500): string[] {
  const merged = [...new Set([...(known ?? []), ...fresh])];
  return merged.slice(Math.max(0, merged.length - limit));
}
