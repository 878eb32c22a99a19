/**
 * The shapes of error messages a report may keep, matched against the message once scrubbed
 * (utils/errors/scrub.ts: quoted text is `"…"`, ids `<id>`, numbers `<number>`). Anything else
 * is dropped: a message of a shape we do not know could hold a name, an e-mail or a comment in
 * lower case, which no scrubbing can tell from words of our own.
 *
 * Two lists: the partner's widget keeps only the shapes its own code (sealing, the invite, the
 * page) and plain JavaScript can throw (WIDGET_MESSAGES); the extension's pages and worker add
 * the shapes of its database, messaging and network (EXTENSION_MESSAGES). The widget carries no
 * shape it could never meet: it has no storage and fetches nothing.
 */

/** Thrown by code the widget runs (utils/pulse: sealing, invites, points), and by any script. */
export const WIDGET_MESSAGES: readonly RegExp[] = [
  /^A seat token is 16 bytes( of base64url)?$/,
  /^An answer to a question the invite does not ask$/,
  /^Not (a|an uncompressed|a compressed) P-256 (point|public key)$/,
  /^Not a varint: (<number>|\d+)$/,
  // The browser's own.
  /^Cannot read properties of (undefined|null) \(reading '…'\)$/,
  /^Cannot set properties of (undefined|null) \(setting '…'\)$/,
  /^[\w$.]{1,80} is not a function$/,
  /^[\w$]{1,80} is not defined$/,
  /^[\w$.]{1,80} is (undefined|null)$/,
  /^The operation was aborted\.?$/,
  /^The user aborted a request\.$/,
  /^Maximum call stack size exceeded$/,
  /^Out of memory$/,
];

/** Every shape the extension's pages and worker may keep: the widget's, and those of the extension alone. */
export const EXTENSION_MESSAGES: readonly RegExp[] = [
  ...WIDGET_MESSAGES,
  // Thrown by the extension's code (utils/db, utils/pulse, widget/ at build time).
  /^Not the pulse widget: it has no pp-invite meta tag$/,
  /^The encoded invite is not base64url$/,
  /^The widget has no <head>$/,
  /^The widget has no inline script to allow$/,
  /^Pulse <id> has no public key$/,
  /^No pulse <id>$/,
  /^A person needs a name or an email address\.$/,
  /^A pulse needs (a partnership|an expiry|at least one question)\.$/,
  /^A purpose tag needs a label\.$/,
  /^Every question needs its wording\.$/,
  /^Not a seat token$/,
  /^Question ids must be unique\.$/,
  /^At most (<number>|\d+) extra questions\.$/,
  // The browser's: network, storage, IndexedDB, extension messaging.
  /^Failed to fetch$/,
  /^Load failed$/,
  /^NetworkError when attempting to fetch resource\.$/,
  /^signal is aborted without reason$/,
  /^The quota has been exceeded\.$/,
  /^The transaction was aborted, so the request cannot be fulfilled\.$/,
  /^The database connection is closing\.$/,
  /^Transaction timed out due to inactivity\.$/,
  /^Extension context invalidated\.$/,
  /^Could not establish connection\. Receiving end does not exist\.$/,
  /^The message port closed before a response was received\.$/,
];

/** The scrubbed message when its shape is one of `known`, else ''. */
export function safeMessage(scrubbed: string, known: readonly RegExp[]): string {
  const text = scrubbed.trim();
  return known.some((p) => p.test(text)) ? text : '';
}
