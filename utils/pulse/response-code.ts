// The response code a partner sends back: `PP2.` + base64url of
//
//   pulse id (clear, so the panel can pick the key) | ephemeral public key (33 bytes, compressed P-256)
//   | AES-256-GCM ciphertext and tag
//
// with everything before the ciphertext authenticated as associated data. ECDH between a fresh
// ephemeral key and the pulse's public key, through HKDF-SHA-256 with the salt below and
// info = label | pulse id | 0 | ephemeral public key, gives the AES key and the IV: each code
// has its own key, used once, so the IV needs no bytes of its own. The pulse id is bound by
// the associated data and the key derivation (a relabelled code does not open), so it is not
// repeated inside. Only the holder of the pulse's private key can open a code.
//
// The plaintext: version | flags | response id | seat token (personal link) | partner type
// (shared link) | answeredAt in seconds | one value per question of the pulse, in its order |
// comment | zero padding to a bucket. Buckets: 64 bytes, then steps of 128. Issue 12 asked for
// 128-byte buckets; a first bucket of 128 would make a code without a comment 260 characters,
// over the 200 a call chat takes comfortably, while 64 holds every answer without a comment
// (about 46 bytes for the four core questions and a token, 18 more for nine more ratings), so
// such codes all have one length (178 characters), and a comment shows only as 128-byte steps.
//
// Codes of version 1 (`PP1.`, response-code-v1.ts) still open: they carry no token, so they
// count only as shared-link answers, which a personal-link pulse refuses (utils/pulse/seats.ts).
import { PARTNER_TYPES, type PartnerType } from '../db/records';
import { carveBytes, decodeBase64urlPortable, encodeBase64url, newBytes, utf8, type Allocate } from './base64url';
import { ByteReader, ByteWriter, LayoutError } from './bytes';
import { claimedPulseId, parseCodeText, payloadTail, type DecodedAnswer } from './code-text';
import { PULSE_KEY_ALGORITHM, publicJwk } from './keys';
import { COMPRESSED_POINT_BYTES, compressPoint, importDecompressedKey } from './p256';
import { CODE_PREFIX_V1, codePulseHintV1, concat, openResponseCodeV1 } from './response-code-v1';
import { TOKEN_BYTES } from './seats';

export interface ResponsePayload {
  v: 1 | 2;
  pulseId: string;
  /** Random UUID made in the widget: replays are spotted by it. */
  responseId: string;
  /** Claimed by the partner on a shared link (and in PP1 codes); absent on a personal-link answer, whose seat says it. */
  partnerType?: PartnerType;
  /** Claimed in PP1 codes only, and dropped when collected (nobody verifies it); a PP2 answer's organisation comes from its seat. */
  organisationId?: string;
  /** The seat's one-time token (base64url, 16 bytes): a personal-link answer. */
  token?: string;
  /** Question id → value; null = prefer not to say. */
  answers: Record<string, number | string | null>;
  comment?: string;
  /** Epoch ms, by the partner's clock (whole seconds in PP2 codes). */
  answeredAt: number;
}

export const CODE_PREFIX = 'PP2.';
/**
 * - malformed: not a whole code; damaged: changed, or sealed to another key;
 * - other-pulse: made for another pulse; unsupported-version: a later format;
 * - expired: answered after the pulse closed; before-start: answered before it started;
 * - from-the-future: answered later than now (with CLOCK_SKEW_MS of grace for the partner's clock).
 */
export type OpenError =
  'malformed' | 'damaged' | 'other-pulse' | 'expired' | 'before-start' | 'from-the-future' | 'unsupported-version';
export type OpenedCode = { ok: true; payload: ResponsePayload } | { ok: false; error: OpenError };

/** What opening a code needs to know of its pulse. */
export interface PulseToOpen {
  id: string;
  privateKey: CryptoKey;
  expiresAt: number;
  /** When the pulse started (its createdAt): an answer from before it is refused. */
  startedAt?: number;
  /** The pulse's question ids in order: a PP2 code carries values by position. */
  questionIds: readonly string[];
}

/** A partner's clock may run this far ahead of the lead's. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;
const HKDF_SALT = utf8('partnership-pulse/PP2/salt');
const HKDF_INFO_LABEL = utf8('partnership-pulse/PP2/response');
const TAG_BYTES = 16;
const IV_BYTES = 12;
const KEY_BYTES = 32;
/** HKDF's output: the AES key, then the IV. */
const HKDF_BITS = (KEY_BYTES + IV_BYTES) * 8;
const FIRST_BUCKET = 64;
const BUCKET_STEP = 128;
/** A comment of 2,000 characters of any script fits well within this. */
const MAX_SEALED_BYTES = 8192;
const PAYLOAD_VERSION = 2;
const FLAG_TOKEN = 1;
const FLAG_PARTNER_TYPE = 2;
const FLAG_COMMENT = 4;
/** Values: 0 prefer not to say, 1…250 the integers 0…249, then text, then not answered. */
const VALUE_NULL = 0;
const MAX_SMALL = 249;
const VALUE_TEXT = 251;
const VALUE_ABSENT = 252;

/** The padded plaintext length for an unpadded one: 64, 192, 320… */
export function bucketLength(length: number): number {
  return length <= FIRST_BUCKET
    ? FIRST_BUCKET
    : FIRST_BUCKET + Math.ceil((length - FIRST_BUCKET) / BUCKET_STEP) * BUCKET_STEP;
}

/**
 * Seals `payload` to the pulse's public key, its answers in the order of `questionIds` (the
 * invite's questions). Throws only on a payload the widget could not have made.
 */
export async function sealResponse(
  publicKey: JsonWebKey,
  payload: ResponsePayload,
  questionIds: readonly string[],
): Promise<string> {
  const recipient = await crypto.subtle.importKey('jwk', publicJwk(publicKey), PULSE_KEY_ALGORITHM, false, []);
  const ephemeral = await crypto.subtle.generateKey(PULSE_KEY_ALGORITHM, true, ['deriveBits']);
  const ephemeralPublic = compressPoint(new Uint8Array(await crypto.subtle.exportKey('raw', ephemeral.publicKey)));
  const secret = await crypto.subtle.deriveBits({ name: 'ECDH', public: recipient }, ephemeral.privateKey, 256);
  const { key, iv } = await responseKey(secret, payload.pulseId, ephemeralPublic);
  const header = new ByteWriter().id(payload.pulseId).bytes(ephemeralPublic).toBytes();
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: header },
    key,
    encodePayload(payload, questionIds),
  );
  return CODE_PREFIX + encodeBase64url(concat(header, new Uint8Array(sealed)));
}

/**
 * Opens a code (PP2, or PP1 as older widgets made) with the pulse's private key; never throws.
 * 'expired' is judged by `answeredAt`, so codes collected late (a chat export read a week on)
 * still count when they were answered in time; 'from-the-future' is judged against `now`.
 */
export function openResponseCode(code: string, pulse: PulseToOpen, now = Date.now()): Promise<OpenedCode> {
  if (typeof code === 'string' && code.trim().startsWith(CODE_PREFIX_V1)) {
    return openResponseCodeV1(code, pulse).then((opened) => judgeByClock(opened, pulse, now));
  }
  return openVersion2(code, pulse, now);
}

/** An opened code answered later than `now` (beyond the skew) or before the pulse started is refused. */
function judgeByClock(opened: OpenedCode, pulse: PulseToOpen, now: number): OpenedCode {
  if (!opened.ok) return opened;
  const { answeredAt } = opened.payload;
  if (answeredAt > now + CLOCK_SKEW_MS) return { ok: false, error: 'from-the-future' };
  if (pulse.startedAt !== undefined && answeredAt < pulse.startedAt - CLOCK_SKEW_MS) {
    return { ok: false, error: 'before-start' };
  }
  return opened;
}

/**
 * One async function from the text to the payload: a paste opens thousands of codes at once,
 * and every async function or helper awaited in between costs each code its own promises.
 * The key schedule is sealResponse's (responseKey), step for step.
 */
async function openVersion2(code: string, pulse: PulseToOpen, now: number): Promise<OpenedCode> {
  let parsed: ParsedCode | 'malformed' | 'unsupported-version';
  try {
    parsed = parseCode(code);
  } catch {
    return { ok: false, error: 'malformed' };
  }
  return typeof parsed === 'string' ? { ok: false, error: parsed } : openParsed(parsed, pulse, now);
}

/** A PP2 code already parsed (parseCode), opened: openVersion2's steps after the parse. */
async function openParsed(parsed: ParsedCode, pulse: PulseToOpen, now: number): Promise<OpenedCode> {
  try {
    if (parsed.pulseId !== pulse.id) return { ok: false, error: 'other-pulse' };
    const { ephemeralPublic } = parsed;
    let plaintext: Uint8Array<ArrayBuffer>;
    try {
      let ephemeral: CryptoKey;
      try {
        ephemeral = await crypto.subtle.importKey('raw', ephemeralPublic, PULSE_KEY_ALGORITHM, false, []);
      } catch {
        ephemeral = await importDecompressedKey(ephemeralPublic);
      }
      const secret = await crypto.subtle.deriveBits({ name: 'ECDH', public: ephemeral }, pulse.privateKey, 256);
      const material = await crypto.subtle.importKey('raw', secret, 'HKDF', false, ['deriveBits']);
      const bits = new Uint8Array(
        await crypto.subtle.deriveBits(hkdfParams(parsed.pulseId, ephemeralPublic, carveBytes), material, HKDF_BITS),
      );
      const key = await crypto.subtle.importKey('raw', bits.subarray(0, KEY_BYTES), 'AES-GCM', false, ['decrypt']);
      plaintext = new Uint8Array(
        await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv: bits.subarray(KEY_BYTES), additionalData: parsed.header },
          key,
          parsed.sealed,
        ),
      );
    } catch {
      return { ok: false, error: 'damaged' };
    }
    const payload = decodePayload(plaintext, pulse.id, pulse.questionIds);
    if (typeof payload === 'string') return { ok: false, error: payload };
    if (payload.answeredAt > pulse.expiresAt) return { ok: false, error: 'expired' };
    return judgeByClock({ ok: true, payload }, pulse, now);
  } catch {
    return { ok: false, error: 'malformed' };
  }
}

// No lookbehind: older Safari cannot parse one, and the widget bundles this module.
const CODE_PATTERN = /(?:^|[^A-Za-z0-9_-])(PP\d+\.[A-Za-z0-9_-]+)/g;

/**
 * Every response code in a text (chat export, email thread), in order, duplicates kept.
 * Codes of other versions (`PP3.…`) are found too, so they can be reported as unsupported.
 */
export function findResponseCodes(text: string): string[] {
  if (typeof text !== 'string') return [];
  return Array.from(text.matchAll(CODE_PATTERN), (match) => match[1]!);
}

/**
 * A code read once (a paste reads thousands): the pulse it claims in its clear header, and for
 * PP2 its parsed bytes, so openReadCode does not decode it again. Null when no pulse can be read
 * from it (what codePulseHint says with null).
 */
export interface ReadCode {
  code: string;
  pulseId: string;
  parsed?: ParsedCode;
}

export function readResponseCode(code: string): ReadCode | null {
  if (typeof code === 'string' && code.trim().startsWith(CODE_PREFIX_V1)) {
    const pulseId = codePulseHintV1(code);
    return pulseId === null ? null : { code, pulseId };
  }
  try {
    const parsed = parseCode(code);
    return typeof parsed === 'string' ? null : { code, pulseId: parsed.pulseId, parsed };
  } catch {
    return null;
  }
}

/** openResponseCode for a code read by readResponseCode: the same outcome, without decoding it twice. */
export function openReadCode(read: ReadCode, pulse: PulseToOpen, now = Date.now()): Promise<OpenedCode> {
  return read.parsed ? openParsed(read.parsed, pulse, now) : openResponseCode(read.code, pulse, now);
}

/** The pulse id a code claims, read without the key from its clear header, or null. */
export function codePulseHint(code: string): string | null {
  if (typeof code === 'string' && code.trim().startsWith(CODE_PREFIX_V1)) return codePulseHintV1(code);
  return claimedPulseId(code, parseCode);
}

interface ParsedCode {
  pulseId: string;
  header: Uint8Array<ArrayBuffer>;
  ephemeralPublic: Uint8Array<ArrayBuffer>;
  sealed: Uint8Array<ArrayBuffer>;
}

function parseCode(code: string): ParsedCode | 'malformed' | 'unsupported-version' {
  // Carved: the bytes are dropped once the code is opened (and WebCrypto copies what it is given).
  return parseCodeText(code, CODE_PREFIX, readLayout, carveBytes);
}

function readLayout(bytes: Uint8Array<ArrayBuffer>): ParsedCode | 'malformed' {
  const reader = new ByteReader(bytes);
  const pulseId = reader.id();
  const ephemeralPublic = reader.bytes(COMPRESSED_POINT_BYTES);
  const header = bytes.subarray(0, reader.position);
  const sealedLength = reader.remaining;
  // A truncated code (or one with bytes added) fails here, before any cryptography.
  if (pulseId === undefined || (ephemeralPublic[0] !== 2 && ephemeralPublic[0] !== 3)) return 'malformed';
  const padded = sealedLength - TAG_BYTES;
  if (padded < FIRST_BUCKET || sealedLength > MAX_SEALED_BYTES || bucketLength(padded) !== padded) {
    return 'malformed';
  }
  return { pulseId, header, ephemeralPublic, sealed: reader.bytes(sealedLength) };
}

/** The last pulse's label | pulse id | 0: a paste opens thousands of codes of one pulse. */
let infoPrefix: { pulseId: string; bytes: Uint8Array<ArrayBuffer> } | undefined;

/**
 * HKDF's parameters for a code: info = label | pulse id | 0 | ephemeral public key. Opening
 * carves `info` (carveBytes); sealing, in the widget, does not, so the widget carries no carving.
 */
function hkdfParams(pulseId: string, ephemeralPublic: Uint8Array, allocate: Allocate): HkdfParams {
  if (infoPrefix?.pulseId !== pulseId) {
    infoPrefix = { pulseId, bytes: concat(HKDF_INFO_LABEL, utf8(pulseId), new Uint8Array([0])) };
  }
  const prefix = infoPrefix.bytes;
  const info = allocate(prefix.length + ephemeralPublic.length);
  info.set(prefix);
  info.set(ephemeralPublic, prefix.length);
  return { name: 'HKDF', hash: 'SHA-256', salt: HKDF_SALT, info };
}

/** The AES-256-GCM key (to seal with) and IV of a code from the ECDH secret; openVersion2 takes the same steps. */
async function responseKey(
  sharedSecret: ArrayBuffer,
  pulseId: string,
  ephemeralPublic: Uint8Array,
): Promise<{ key: CryptoKey; iv: Uint8Array<ArrayBuffer> }> {
  const material = await crypto.subtle.importKey('raw', sharedSecret, 'HKDF', false, ['deriveBits']);
  const bits = new Uint8Array(
    await crypto.subtle.deriveBits(hkdfParams(pulseId, ephemeralPublic, newBytes), material, HKDF_BITS),
  );
  const key = await crypto.subtle.importKey('raw', bits.subarray(0, KEY_BYTES), 'AES-GCM', false, ['encrypt']);
  return { key, iv: bits.subarray(KEY_BYTES) };
}

function encodePayload(payload: ResponsePayload, questionIds: readonly string[]): Uint8Array<ArrayBuffer> {
  const token = payload.token === undefined ? undefined : decodeBase64urlPortable(payload.token);
  if (token !== undefined && token?.length !== TOKEN_BYTES) throw new RangeError('A seat token is 16 bytes');
  const partnerType = payload.partnerType === undefined ? -1 : PARTNER_TYPES.indexOf(payload.partnerType);
  if (payload.partnerType !== undefined && partnerType < 0) {
    throw new RangeError(`Unknown partner type ${payload.partnerType}`);
  }
  if (Object.keys(payload.answers).some((id) => !questionIds.includes(id))) {
    throw new RangeError('An answer to a question the invite does not ask');
  }
  const flags =
    (token ? FLAG_TOKEN : 0) |
    (partnerType >= 0 ? FLAG_PARTNER_TYPE : 0) |
    (payload.comment !== undefined ? FLAG_COMMENT : 0);
  const writer = new ByteWriter().byte(PAYLOAD_VERSION).byte(flags).id(payload.responseId);
  if (token) writer.bytes(token);
  if (partnerType >= 0) writer.byte(partnerType);
  writer.varint(Math.floor(payload.answeredAt / 1000)).varint(questionIds.length);
  for (const id of questionIds) {
    const value = Object.hasOwn(payload.answers, id) ? payload.answers[id] : undefined;
    if (value === undefined) writer.byte(VALUE_ABSENT);
    else if (value === null) writer.byte(VALUE_NULL);
    else if (typeof value === 'string') writer.byte(VALUE_TEXT).text(value);
    else if (Number.isInteger(value) && value >= 0 && value <= MAX_SMALL) writer.byte(value + 1);
    else throw new RangeError(`Not a value a scale offers: ${value}`);
  }
  if (payload.comment !== undefined) writer.text(payload.comment);
  const unpadded = writer.toBytes();
  const padded = new Uint8Array(bucketLength(unpadded.length));
  padded.set(unpadded);
  return padded;
}

/** A PP2 plaintext's payload, or why not (exported for the bench's profile of opening). */
export function decodePayload(
  bytes: Uint8Array<ArrayBuffer>,
  pulseId: string,
  questionIds: readonly string[],
): ResponsePayload | 'malformed' | 'unsupported-version' {
  try {
    const reader = new ByteReader(bytes);
    if (reader.byte() !== PAYLOAD_VERSION) return 'unsupported-version';
    const flags = reader.byte();
    if (flags & ~(FLAG_TOKEN | FLAG_PARTNER_TYPE | FLAG_COMMENT)) return 'malformed';
    const responseId = reader.id();
    const token = flags & FLAG_TOKEN ? encodeBase64url(reader.bytes(TOKEN_BYTES)) : undefined;
    const partnerType = flags & FLAG_PARTNER_TYPE ? PARTNER_TYPES[reader.byte()] : undefined;
    const answeredAt = reader.varint() * 1000;
    // The count is the pulse's: a code for a pulse with other questions does not open as this one's.
    if (reader.varint() !== questionIds.length) return 'malformed';
    const answers: Array<[string, DecodedAnswer]> = [];
    for (const id of questionIds) {
      const tag = reader.byte();
      if (tag === VALUE_NULL) answers.push([id, null]);
      else if (tag <= MAX_SMALL + 1) answers.push([id, tag - 1]);
      else if (tag === VALUE_TEXT) answers.push([id, reader.text()]);
      else if (tag !== VALUE_ABSENT) return 'malformed';
    }
    const comment = flags & FLAG_COMMENT ? reader.text() : undefined;
    if (!allZero(reader.bytes(reader.remaining))) return 'malformed';
    if (responseId === undefined || (flags & FLAG_PARTNER_TYPE && partnerType === undefined)) return 'malformed';
    if (!Number.isSafeInteger(answeredAt)) return 'malformed';
    return {
      v: 2,
      pulseId,
      responseId,
      ...(partnerType !== undefined ? { partnerType } : {}),
      ...(token !== undefined ? { token } : {}),
      ...payloadTail(answers, comment, answeredAt),
    };
  } catch (error) {
    if (error instanceof LayoutError) return 'malformed';
    throw error;
  }
}

function allZero(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i += 1) if (bytes[i] !== 0) return false;
  return true;
}
