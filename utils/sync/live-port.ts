import { browser } from '#imports';

/**
 * An extension page (side panel, dashboard, management page) holds this port open while it is
 * open: the background then watches the workspace's `_changes` live (utils/sync/live.ts).
 * Kept apart from the rest of the sync so a page's first load carries nothing more.
 */
export const LIVE_PORT = 'pp-workspace-live';

/** Under Chrome's 30 s idle limit: a message on the port keeps the background running. */
const PING_MS = 20_000;

/** Keeps the workspace live while this page is open. Returns the stop function. */
export function keepLive(): () => void {
  let stopped = false;
  let port: ReturnType<typeof browser.runtime.connect> | undefined;
  const open = () => {
    try {
      port = browser.runtime.connect({ name: LIVE_PORT });
      // The background restarted (an update, or it was stopped): hold a new port.
      port.onDisconnect.addListener(() => {
        if (!stopped) setTimeout(open, 1_000);
      });
    } catch {
      port = undefined; // No background (tests).
    }
  };
  open();
  const ping = setInterval(() => {
    try {
      port?.postMessage('ping');
    } catch {
      // Disconnected: onDisconnect opens another.
    }
  }, PING_MS);
  return () => {
    stopped = true;
    clearInterval(ping);
    port?.disconnect();
  };
}
