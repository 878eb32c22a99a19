import { storage } from '#imports';
import type { LiveCall } from '../meeting/attendance/live-call';
import type { CalendarSnapshot } from '../platforms/snapshot';

/** What the content script of one tab has seen, kept by the background for the panel. */
export interface LiveTab {
  call?: LiveCall;
  calendar?: CalendarSnapshot;
  /** Pulse response codes seen in the call's chat, oldest first, each once (codes only: never who posted them). */
  chatCodes?: string[];
  /** How many code-shaped strings in the chat were not whole codes (cut off or run into other text). */
  chatCodesDamaged?: number;
  /** Whether the call's chat panel is open, as the content script last said; absent when it has not said. */
  chatOpen?: boolean;
}

/** Session storage: gone when the browser closes, never synced, readable only by extension pages. */
export function liveTabItem(tabId: number) {
  return storage.defineItem<LiveTab>(`session:live:${tabId}`, { fallback: {} });
}
