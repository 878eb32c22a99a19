import {
  CALENDAR_PLATFORMS,
  CALL_PLATFORMS,
  PAGE_PARTS,
  type CalendarEvent,
  type CalendarGuest,
  type CallSnapshot,
  type CalendarSnapshot,
  type PlatformId,
  type SeenParticipant,
  type Snapshot,
} from '../platforms/snapshot';

/*
 * The one protocol between content scripts, the background and extension pages. Every message
 * has a `type`; senders build a member of `ExtensionMessage`, receivers parse with
 * `parseContentMessage` (what a page's script sends is input from that page, so it is checked
 * field by field, bounded, and rebuilt without unknown keys) or `isOutlineRequest`; the
 * background takes a `SyncNowMessage` from the extension's own pages only, by its type.
 */

/** Content script → background: what the page shows now. */
export interface SnapshotMessage {
  type: 'pp:snapshot';
  snapshot: Snapshot;
}

/** Content script → background: pulse response codes newly seen in the call's chat. */
export interface ChatCodesMessage {
  type: 'pp:chat-codes';
  codes: string[];
  /** Code-shaped strings in the chat that are not whole codes (cut off, or run into other text). */
  damaged?: number;
  /** Whether the chat panel is on the page (absent: not said). */
  chatOpen?: boolean;
}

/** Panel → content script: describe the page's structure (no text, no names) for a reader report. */
export interface OutlineRequest {
  type: 'pp:outline';
}

/** Content script → panel, the answer to an OutlineRequest. */
export interface OutlineReply {
  type: 'pp:outline-reply';
  outline: string;
}

/** Extension page → background: sync the workspace now (utils/sync/connect.ts `syncNow`). */
export interface SyncNowMessage {
  type: 'pp:sync-now';
}

export type ContentMessage = SnapshotMessage | ChatCodesMessage;
export type ExtensionMessage = ContentMessage | OutlineRequest | OutlineReply | SyncNowMessage;

// Far above any real call or calendar page, low enough that a page cannot fill session storage.
export const LIMITS = {
  participants: 2000,
  guests: 1000,
  name: 300,
  url: 4096,
  title: 500,
  codes: 200,
  code: 8192,
  outline: 200_000,
} as const;

export function isOutlineRequest(message: unknown): message is OutlineRequest {
  return isRecord(message) && message.type === 'pp:outline';
}

export function parseOutlineReply(message: unknown): OutlineReply | null {
  if (!isRecord(message) || message.type !== 'pp:outline-reply') return null;
  const outline = str(message.outline, LIMITS.outline);
  return outline === undefined ? null : { type: 'pp:outline-reply', outline };
}

/**
 * A message from a content script, checked: null for anything that is not exactly one of the
 * protocol's messages, or that claims a platform other than the one whose page sent it
 * (`senderPlatform`, from the sender's address; null when that is no supported page).
 */
export function parseContentMessage(message: unknown, senderPlatform: PlatformId | null): ContentMessage | null {
  if (!isRecord(message) || senderPlatform === null) return null;
  if (message.type === 'pp:snapshot') {
    const snapshot = parseSnapshot(message.snapshot);
    return snapshot && snapshot.platform === senderPlatform ? { type: 'pp:snapshot', snapshot } : null;
  }
  if (message.type === 'pp:chat-codes') {
    if (!(CALL_PLATFORMS as readonly string[]).includes(senderPlatform)) return null;
    const codes = list(message.codes, LIMITS.codes, (code) => {
      const text = str(code, LIMITS.code);
      return text && /^PP\d+\.[A-Za-z0-9_-]+$/.test(text) ? text : undefined;
    });
    if (!codes) return null;
    const damaged = message.damaged === undefined ? 0 : count(message.damaged);
    if (damaged === undefined) return null;
    if (message.chatOpen !== undefined && typeof message.chatOpen !== 'boolean') return null;
    return {
      type: 'pp:chat-codes',
      codes,
      ...(damaged > 0 ? { damaged } : {}),
      ...(typeof message.chatOpen === 'boolean' ? { chatOpen: message.chatOpen } : {}),
    };
  }
  return null;
}

export function parseSnapshot(value: unknown): Snapshot | null {
  if (!isRecord(value)) return null;
  const url = str(value.url, LIMITS.url);
  if (url === undefined) return null;
  if (value.kind === 'call' && oneOf(value.platform, CALL_PLATFORMS)) {
    const callKey = nullable(value.callKey, LIMITS.url);
    const title = nullable(value.title, LIMITS.title);
    const selfName = nullable(value.selfName, LIMITS.name);
    const participants = value.participants === null ? null : list(value.participants, LIMITS.participants, person);
    if (callKey === undefined || title === undefined || selfName === undefined || participants === undefined) {
      return null;
    }
    const snapshot: CallSnapshot = {
      kind: 'call',
      platform: value.platform,
      url,
      callKey,
      title,
      participants,
      selfName,
    };
    if (value.listIsPartial !== undefined && typeof value.listIsPartial !== 'boolean') return null;
    if (value.listIsPartial) snapshot.listIsPartial = true;
    if (value.pageCount !== undefined) {
      const pageCount = count(value.pageCount);
      if (pageCount === undefined) return null;
      snapshot.pageCount = pageCount;
    }
    if (value.source !== undefined) {
      if (!oneOf(value.source, PAGE_PARTS)) return null;
      snapshot.source = value.source;
    }
    return snapshot;
  }
  if (value.kind === 'calendar' && oneOf(value.platform, CALENDAR_PLATFORMS)) {
    if (typeof value.recognised !== 'boolean') return null;
    const event = value.event === null ? null : calendarEvent(value.event);
    if (event === undefined) return null;
    const snapshot: CalendarSnapshot = {
      kind: 'calendar',
      platform: value.platform,
      url,
      event,
      recognised: value.recognised,
    };
    return snapshot;
  }
  return null;
}

function person(value: unknown): SeenParticipant | undefined {
  if (!isRecord(value)) return undefined;
  const name = str(value.name, LIMITS.name);
  if (!name) return undefined;
  const email = value.email === undefined ? undefined : str(value.email, LIMITS.name);
  const id = value.id === undefined ? undefined : str(value.id, LIMITS.name);
  if ((value.email !== undefined && !email) || (value.id !== undefined && !id)) return undefined;
  return { name, ...(email ? { email } : {}), ...(id ? { id } : {}) };
}

/** An address, a name, or both; never neither, and nothing empty. */
function guest(value: unknown): CalendarGuest | undefined {
  if (!isRecord(value)) return undefined;
  const email = value.email === undefined ? undefined : str(value.email, LIMITS.name);
  const name = value.name === undefined ? undefined : str(value.name, LIMITS.name);
  if (email === '' || name === '') return undefined;
  if (value.email !== undefined && email === undefined) return undefined;
  if (value.name !== undefined && name === undefined) return undefined;
  if (!email && !name) return undefined;
  return { ...(name ? { name } : {}), ...(email ? { email } : {}) };
}

function calendarEvent(value: unknown): CalendarEvent | undefined {
  if (!isRecord(value)) return undefined;
  const title = str(value.title, LIMITS.title);
  const start = nullable(value.start, 64);
  const end = nullable(value.end, 64);
  const callLink = nullable(value.callLink, LIMITS.url);
  const callKey = nullable(value.callKey, LIMITS.url);
  const guests = list(value.guests, LIMITS.guests, guest);
  if (
    title === undefined ||
    start === undefined ||
    end === undefined ||
    callLink === undefined ||
    callKey === undefined ||
    guests === undefined
  ) {
    return undefined;
  }
  return { title, start, end, guests, callLink, callKey };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown, max: number): string | undefined {
  return typeof value === 'string' && value.length <= max ? value : undefined;
}

function nullable(value: unknown, max: number): string | null | undefined {
  return value === null ? null : str(value, max);
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

function oneOf<T extends string>(value: unknown, options: readonly T[]): value is T {
  return typeof value === 'string' && (options as readonly string[]).includes(value);
}

/** Every item parsed, or undefined when the list is too long or any item is bad. */
function list<T>(value: unknown, max: number, item: (value: unknown) => T | undefined): T[] | undefined {
  if (!Array.isArray(value) || value.length > max) return undefined;
  const result: T[] = [];
  for (const entry of value) {
    const parsed = item(entry);
    if (parsed === undefined) return undefined;
    result.push(parsed);
  }
  return result;
}
