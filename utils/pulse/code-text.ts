// What both versions of the response code (response-code.ts, response-code-v1.ts) share
// before their layouts differ: the prefix, strict base64url, and a layout error turned into
// 'malformed'.
import { decodeBase64url, type Allocate } from './base64url';
import { LayoutError } from './bytes';

/**
 * A code's bytes as `read` lays them out, or why not: not a string, not this version
 * ('unsupported-version' for another `PPn.`), not base64url, or not the layout (`read`
 * throws LayoutError or says 'malformed'). Leading and trailing white space is dropped.
 */
export function parseCodeText<T>(
  code: unknown,
  prefix: string,
  read: (bytes: Uint8Array<ArrayBuffer>) => T | 'malformed',
  allocate?: Allocate,
): T | 'malformed' | 'unsupported-version' {
  if (typeof code !== 'string') return 'malformed';
  const text = code.trim();
  if (!text.startsWith(prefix)) return /^PP\d+\./.test(text) ? 'unsupported-version' : 'malformed';
  const bytes = decodeBase64url(text.slice(prefix.length), allocate);
  if (!bytes) return 'malformed';
  try {
    return read(bytes);
  } catch (error) {
    if (error instanceof LayoutError) return 'malformed';
    throw error;
  }
}

/** The pulse id a code claims in its clear header, by its version's parser, or null. */
export function claimedPulseId(code: string, parse: (code: string) => { pulseId: string } | string): string | null {
  try {
    const parsed = parse(code);
    return typeof parsed === 'string' ? null : parsed.pulseId;
  } catch {
    return null;
  }
}
