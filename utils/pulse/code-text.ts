// What both versions of the response code (response-code.ts, response-code-v1.ts) share
// before their layouts differ (the prefix, strict base64url, and a layout error turned into
// 'malformed'), and the fields their opened payloads end with.
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

/** One answer as both versions decode it: a value, a text, or null for "prefer not to say". */
export type DecodedAnswer = number | string | null;

/** The fields both versions' payloads end with, as decodePayload builds them. */
export interface PayloadTail {
  answers: Record<string, DecodedAnswer>;
  comment?: string;
  answeredAt: number;
}

/**
 * The answers by question id, the comment only when there is one, and answeredAt.
 * fromEntries defines own properties: a question id of '__proto__' stays a key.
 */
export function payloadTail(
  answers: ReadonlyArray<[string, DecodedAnswer]>,
  comment: string | undefined,
  answeredAt: number,
): PayloadTail {
  return { answers: Object.fromEntries(answers), ...(comment !== undefined ? { comment } : {}), answeredAt };
}
