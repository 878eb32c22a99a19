// The widget's Content Security Policy, written into the built file as a meta tag: nothing
// loads or connects anywhere, forms post nowhere, and only the page's own inline script and
// style run (by their SHA-256), so markup slipped in through a link or a saved copy cannot.
// The invite meta tag is not hashed, so writing a pulse into a copy keeps the policy valid.
import { createHash } from 'node:crypto';

const INLINE = /<(script|style)\b[^>]*>([\s\S]*?)<\/\1>/g;

const hash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

export function widgetCsp(html: string): string {
  const scripts: string[] = [];
  const styles: string[] = [];
  for (const [, tag, body] of html.matchAll(INLINE)) (tag === 'script' ? scripts : styles).push(hash(body!));
  if (scripts.length === 0) throw new Error('The widget has no inline script to allow');
  return [
    "default-src 'none'",
    `script-src ${scripts.join(' ')}`,
    `style-src ${styles.length > 0 ? styles.join(' ') : "'none'"}`,
    "connect-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/** The built widget with its CSP meta tag, placed first in <head> so it governs everything after it. */
export function withCsp(html: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${widgetCsp(html)}">`;
  if (!/<head>/.test(html)) throw new Error('The widget has no <head>');
  return html.replace('<head>', `<head>\n    ${meta}`);
}
