/**
 * The shapes of error messages a report may keep, matched against the message once scrubbed
 * (utils/errors/scrub.ts: quoted text is `"…"`, ids `<id>`, numbers `<number>`). Anything else
 * is dropped: a message of a shape we do not know could hold a name, an e-mail or a comment in
 * lower case, which no scrubbing can tell from words of our own.
 */
const OURS: readonly RegExp[] = [
  // Thrown by this code base (utils/, widget/).
  /^Not the pulse widget: it has no pp-invite meta tag$/,
  /^The encoded invite is not base64url$/,
  /^The widget has no <head>$/,
  /^The widget has no inline script to allow$/,
  /^Pulse <id> has no public key$/,
  /^No pulse <id>$/,
  /^A person needs a name or an email address\.$/,
  /^A pulse needs (a partnership|an expiry|at least one question)\.$/,
  /^A purpose tag needs a label\.$/,
  /^A seat token is 16 bytes( of base64url)?$/,
  /^An answer to a question the invite does not ask$/,
  /^Every question needs its wording\.$/,
  /^Not (a|an uncompressed|a compressed) P-256 (point|public key)$/,
  /^Not a seat token$/,
  /^Question ids must be unique\.$/,
  /^At most (<number>|\d+) extra questions\.$/,
  /^Not a varint: (<number>|\d+)$/,
];

const BROWSERS: readonly RegExp[] = [
  /^Cannot read properties of (undefined|null) \(reading '…'\)$/,
  /^Cannot set properties of (undefined|null) \(setting '…'\)$/,
  /^[\w$.]{1,80} is not a function$/,
  /^[\w$]{1,80} is not defined$/,
  /^[\w$.]{1,80} is (undefined|null)$/,
  /^Failed to fetch$/,
  /^Load failed$/,
  /^NetworkError when attempting to fetch resource\.$/,
  /^The operation was aborted\.?$/,
  /^The user aborted a request\.$/,
  /^signal is aborted without reason$/,
  /^The quota has been exceeded\.$/,
  /^Maximum call stack size exceeded$/,
  /^Out of memory$/,
  /^The transaction was aborted, so the request cannot be fulfilled\.$/,
  /^The database connection is closing\.$/,
  /^Transaction timed out due to inactivity\.$/,
  /^Extension context invalidated\.$/,
  /^Could not establish connection\. Receiving end does not exist\.$/,
  /^The message port closed before a response was received\.$/,
];

/** The scrubbed message when its shape is one of ours or a browser's known one, else ''. */
export function safeMessage(scrubbed: string): string {
  const text = scrubbed.trim();
  return OURS.some((p) => p.test(text)) || BROWSERS.some((p) => p.test(text)) ? text : '';
}
