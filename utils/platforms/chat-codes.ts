import { LIMITS, type ChatCodesMessage } from '../browser/messaging';
import type { CallPlatform } from './snapshot';
import { sendToBackground, whileEnabled, type ReaderContext } from './content';

/*
 * Pulse response codes posted in a call's chat. Only the text of chat messages is read, and
 * from it only the codes: never who posted them. The pattern is the shape of a code
 * (utils/pulse/response-code.ts findResponseCodes, which the panel runs again before opening
 * anything); the cryptography stays out of the content scripts.
 *
 * Message text, per platform:
 * - Meet: the message body carries data-message-id (older layouts: data-message-text); the pin
 *   controls ("Hover over a message to pin it", the `keep` icon, a "Pin message" button that
 *   carries data-message-id too) can sit inside it, so only its own text nodes are read, each
 *   apart, and nothing inside a button or hidden from assistive technology;
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

// The chat panel is open: its message list or its compose box is on the page (even with no message yet).
const CHAT_PANEL: Record<CallPlatform, string> = {
  meet: '[data-message-id], [data-message-text], textarea[aria-label="Send a message"]',
  teams: '#chat-pane-list, [data-tid="chat-pane-list"], [data-tid="chat-pane-message"]',
  zoom: '.chat-container, .chat-message__text-content, .new-chat-message__text-content',
};

const CODE = /(?<![A-Za-z0-9_-])PP\d+\.[A-Za-z0-9_-]{16,}/g;
// Anything that starts like a code: what is not a whole code among these is reported as damaged.
const CODE_LIKE = /(?<![A-Za-z0-9_-])PP\d+\.[A-Za-z0-9_-]*/g;
const NOT_MESSAGE_TEXT = 'button, [role="button"], [aria-hidden="true"], [role="tooltip"]';

export interface ChatRead {
  /** The codes in the chat messages on the page, in page order, each once. */
  codes: string[];
  /** Code-shaped strings that are not whole codes (cut off), each once. */
  damaged: string[];
  /** Whether the chat panel is on the page at all: closed, nothing in it can be read. */
  open: boolean;
}

export function readChat(doc: Document, platform: CallPlatform): ChatRead {
  const codes = new Set<string>();
  const damaged = new Set<string>();
  for (const message of doc.querySelectorAll(MESSAGE_TEXT[platform])) {
    if (message.closest(NOT_MESSAGE_TEXT)) continue;
    for (const text of ownTexts(message)) {
      for (const candidate of text.match(CODE_LIKE) ?? []) {
        // Longer than any code the background takes (one would make it refuse the whole message).
        const whole = candidate.length <= LIMITS.code && candidate.match(CODE)?.[0] === candidate;
        (whole ? codes : damaged).add(candidate);
      }
    }
  }
  const open = codes.size > 0 || damaged.size > 0 || [...doc.querySelectorAll(CHAT_PANEL[platform])].some(shown);
  return { codes: [...codes], damaged: [...damaged], open };
}

/** The codes in the chat messages on the page, in page order, each once. */
export function readChatCodes(doc: Document, platform: CallPlatform): string[] {
  return readChat(doc, platform).codes;
}

// Teams keeps a closed chat's list in the page, hidden.
function shown(element: Element): boolean {
  return element.closest('[hidden], [aria-hidden="true"]') === null;
}

// Each text node apart, so a control's label never runs into the end of a code.
function ownTexts(message: Element): string[] {
  const texts: string[] = [];
  const walker = message.ownerDocument.createTreeWalker(message, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const skip = node.parentElement?.closest(NOT_MESSAGE_TEXT);
    if (skip && message.contains(skip)) continue;
    if (node.nodeValue) texts.push(node.nodeValue);
  }
  return texts;
}

/**
 * Reads the chat now and after changes to the page (at most once per `throttleMs`), and calls
 * `onCodes` with the codes not reported before, the damaged count, and whether the chat is open,
 * whenever one of them changes. Chats drop old messages as they scroll, so the receiver keeps what
 * it was told. A frame that `shouldRead` turns down (a page that only hosts the client in a frame)
 * reports nothing. Returns `stop()`.
 */
export function watchChatCodes(
  doc: Document,
  platform: CallPlatform,
  onCodes: (codes: string[], damaged: number, open: boolean) => void,
  throttleMs = 1000,
  shouldRead: () => boolean = () => true,
): () => void {
  const reported = new Set<string>();
  let damagedReported = 0;
  let openReported: boolean | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastPassAt = Number.NEGATIVE_INFINITY;
  const pass = () => {
    timer = undefined;
    lastPassAt = Date.now();
    if (!shouldRead()) return;
    const read = readChat(doc, platform);
    const fresh = read.codes.filter((code) => !reported.has(code));
    // A message being typed out or scrolled away changes the count: only more is news.
    const damaged = Math.max(damagedReported, read.damaged.length);
    if (fresh.length === 0 && damaged === damagedReported && read.open === openReported) return;
    for (const code of fresh) reported.add(code);
    damagedReported = damaged;
    openReported = read.open;
    onCodes(fresh, damaged, read.open);
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
export function runChatCodes(
  ctx: ReaderContext,
  platform: CallPlatform,
  doc: Document = document,
  shouldRead?: () => boolean,
): void {
  whileEnabled(ctx, platform, () => watchChatCodes(doc, platform, sendChatCodes, 1000, shouldRead));
}

function sendChatCodes(codes: string[], damaged: number, open: boolean): void {
  for (const message of chatCodesMessages(codes, damaged, open)) sendToBackground(message);
}

/**
 * The messages that carry these codes, at most LIMITS.codes each: the background refuses a longer
 * list whole, and codes once sent are not sent again (a chat of 10,000 code-shaped strings would
 * otherwise lose every code in it).
 */
export function chatCodesMessages(codes: readonly string[], damaged: number, open: boolean): ChatCodesMessage[] {
  const messages: ChatCodesMessage[] = [];
  for (let start = 0; start === 0 || start < codes.length; start += LIMITS.codes) {
    messages.push({
      type: 'pp:chat-codes',
      codes: codes.slice(start, start + LIMITS.codes),
      ...(damaged > 0 ? { damaged } : {}),
      chatOpen: open,
    });
  }
  return messages;
}

/** The codes a tab has shown, oldest first, each once, at most `limit` (the oldest go first). */
export function mergeChatCodes(known: readonly string[] | undefined, fresh: readonly string[], limit = 500): string[] {
  const merged = [...new Set([...(known ?? []), ...fresh])];
  return merged.slice(Math.max(0, merged.length - limit));
}
