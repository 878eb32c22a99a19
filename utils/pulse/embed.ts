// "Without a host": the panel saves a copy of pulse.html with the invite written into it,
// to send as an attachment that opens ready to answer. The widget reads the invite from
// this meta tag when its address has no fragment. The encoded invite is base64url, so no
// name or wording in it can close the attribute or the tag.
import { encodeInvite, type PulseInvite } from './invite';

export const INVITE_META_NAME = 'pp-invite';
// Closed as `>` or ` />` (a formatter may write either).
const INVITE_META = /<meta name="pp-invite" content="[A-Za-z0-9_-]*"(\s*\/?>)/;

/** The widget's HTML with `invite` embedded; throws if `widgetHtml` is not the pulse widget. */
export function widgetWithInvite(widgetHtml: string, invite: PulseInvite): string {
  if (!INVITE_META.test(widgetHtml)) throw new Error('Not the pulse widget: it has no pp-invite meta tag');
  const encoded = encodeInvite(invite);
  if (!/^[A-Za-z0-9_-]+$/.test(encoded)) throw new Error('The encoded invite is not base64url');
  return widgetHtml.replace(
    INVITE_META,
    (_tag, end: string) => `<meta name="${INVITE_META_NAME}" content="${encoded}"${end}`,
  );
}

/** The invite a saved copy carries ('' for the plain widget). */
export function embeddedInvite(doc: Document): string {
  return doc.querySelector(`meta[name="${INVITE_META_NAME}"]`)?.getAttribute('content') ?? '';
}
