// Version 1 of the response code, as widgets before the compact format made it (PP2 is in
// response-code.ts). Still opened, so codes from links a lead sent earlier count; they carry no
// seat token, so they are treated as shared-link answers. `sealResponseV1` stays for tests and
// the bench, to make codes as those widgets did.
//
// `PP1.` + base64url of
//
//   pulse id (clear, so the panel can pick the key) | ciphertext length | ephemeral public key (65 bytes, uncompressed P-256)
//   | IV (12 random bytes) | AES-256-GCM ciphertext and tag
//
// with everything before the ciphertext authenticated as associated data. The AES key comes
// from ECDH between a fresh ephemeral key and the pulse's public key, through HKDF-SHA-256
// with the fixed salt below and info = label | pulse id | 0 | ephemeral public key, so a key
// is bound to one pulse and one code. Only the holder of the pulse's private key can open it.
import type { PartnerType } from '../db/records';
import { PARTNER_TYPES } from '../db/records';
import { encodeBase64url, utf8 } from './base64url';
import { ByteReader, ByteWriter, LayoutError } from './bytes';
import { claimedPulseId, parseCodeText, payloadTail, type DecodedAnswer } from './code-text';
import { PULSE_KEY_ALGORITHM, publicJwk } from './keys';

export interface ResponsePayloadV1 {
  v: 1;
  pulseId: string;
  /** Random UUID made in the widget: replays are spotted by it. */
  responseId: string;
  partnerType: PartnerType;
  organisationId?: string;
  /** Question id → value; null = prefer not to say. */
  answers: Record<string, number | string | null>;
  comment?: string;
  /** Epoch ms, by the partner's clock. */
  answeredAt: number;
}

export const CODE_PREFIX_V1 = 'PP1.';
const CODE_PREFIX = CODE_PREFIX_V1;
export type OpenErrorV1 = 'malformed' | 'damaged' | 'other-pulse' | 'expired' | 'unsupported-version';
export type OpenedCodeV1 = { ok: true; payload: ResponsePayloadV1 } | { ok: false; error: OpenErrorV1 };

// Pure: the widget bundles this module for `concat` alone, and drops what it does not call.
const HKDF_SALT = /* @__PURE__ */ utf8('partnership-pulse/PP1/salt');
const HKDF_INFO_LABEL = /* @__PURE__ */ utf8('partnership-pulse/PP1/response');
const EPHEMERAL_KEY_BYTES = 65;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** The plaintext is padded to a multiple of this, so a code's length says little about a comment's. */
const PADDING_BLOCK = 16;
const PAYLOAD_VERSION = 1;

const VALUE_NULL = 0;
const VALUE_SMALL_INT = 1;
const VALUE_FLOAT = 2;
const VALUE_TEXT = 3;

/** Seals `payload` to the pulse's public key. Throws only on a payload the widget could not have made. */
export async function sealResponseV1(publicKey: JsonWebKey, payload: ResponsePayloadV1): Promise<string> {
  const recipient = await crypto.subtle.importKey('jwk', publicJwk(publicKey), PULSE_KEY_ALGORITHM, false, []);
  const ephemeral = await crypto.subtle.generateKey(PULSE_KEY_ALGORITHM, false, ['deriveBits']);
  const ephemeralPublic = new Uint8Array(await crypto.subtle.exportKey('raw', ephemeral.publicKey));
  const secret = await crypto.subtle.deriveBits({ name: 'ECDH', public: recipient }, ephemeral.privateKey, 256);
  const key = await responseKey(secret, payload.pulseId, ephemeralPublic, 'encrypt');

  const plaintext = encodePayload(payload);
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const header = new ByteWriter()
    .id(payload.pulseId)
    .varint(plaintext.length + TAG_BYTES)
    .bytes(ephemeralPublic)
    .bytes(iv)
    .toBytes();
  const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: header }, key, plaintext);
  return CODE_PREFIX + encodeBase64url(concat(header, new Uint8Array(sealed)));
}

/**
 * Opens a code with the pulse's private key; never throws. 'expired' means answered after
 * the pulse expired (by `answeredAt`), so codes collected late (a chat export read a week
 * on) still count when they were answered in time. `now` is kept for the contract's shape
 * and not used in the judgement.
 */
export async function openResponseCodeV1(
  code: string,
  pulse: { id: string; privateKey: CryptoKey; expiresAt: number },
  now = Date.now(),
): Promise<OpenedCodeV1> {
  void now;
  try {
    const parsed = parseCode(code);
    if (typeof parsed === 'string') return { ok: false, error: parsed };
    if (parsed.pulseId !== pulse.id) return { ok: false, error: 'other-pulse' };

    let plaintext: Uint8Array<ArrayBuffer>;
    try {
      plaintext = await decrypt(parsed, pulse.privateKey);
    } catch {
      return { ok: false, error: 'damaged' };
    }
    const payload = decodePayload(plaintext);
    if (typeof payload === 'string') return { ok: false, error: payload };
    if (payload.pulseId !== pulse.id) return { ok: false, error: 'other-pulse' };
    if (payload.answeredAt > pulse.expiresAt) return { ok: false, error: 'expired' };
    return { ok: true, payload };
  } catch {
    return { ok: false, error: 'malformed' };
  }
}

/** The pulse id a PP1 code claims, read without the key from its clear header, or null. */
export function codePulseHintV1(code: string): string | null {
  return claimedPulseId(code, parseCode);
}

interface ParsedCode {
  pulseId: string;
  header: Uint8Array<ArrayBuffer>;
  ephemeralPublic: Uint8Array<ArrayBuffer>;
  iv: Uint8Array<ArrayBuffer>;
  sealed: Uint8Array<ArrayBuffer>;
}

function parseCode(code: string): ParsedCode | 'malformed' | 'unsupported-version' {
  return parseCodeText(code, CODE_PREFIX, readLayout);
}

function readLayout(bytes: Uint8Array<ArrayBuffer>): ParsedCode | 'malformed' {
  const reader = new ByteReader(bytes);
  const pulseId = reader.id();
  const sealedLength = reader.varint();
  const ephemeralPublic = reader.bytes(EPHEMERAL_KEY_BYTES);
  const iv = reader.bytes(IV_BYTES);
  const header = bytes.subarray(0, reader.position);
  // A truncated code (or one with bytes added) fails here, before any cryptography.
  if (pulseId === undefined || ephemeralPublic[0] !== 4 || sealedLength <= TAG_BYTES) return 'malformed';
  if (reader.remaining !== sealedLength) return 'malformed';
  return { pulseId, header, ephemeralPublic, iv, sealed: reader.bytes(sealedLength) };
}

async function decrypt(code: ParsedCode, privateKey: CryptoKey): Promise<Uint8Array<ArrayBuffer>> {
  const ephemeral = await crypto.subtle.importKey('raw', code.ephemeralPublic, PULSE_KEY_ALGORITHM, false, []);
  const secret = await crypto.subtle.deriveBits({ name: 'ECDH', public: ephemeral }, privateKey, 256);
  const key = await responseKey(secret, code.pulseId, code.ephemeralPublic, 'decrypt');
  const plaintext = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: code.iv, additionalData: code.header },
    key,
    code.sealed,
  );
  return new Uint8Array(plaintext);
}

async function responseKey(
  sharedSecret: ArrayBuffer,
  pulseId: string,
  ephemeralPublic: Uint8Array,
  usage: 'encrypt' | 'decrypt',
): Promise<CryptoKey> {
  const info = concat(HKDF_INFO_LABEL, utf8(pulseId), new Uint8Array([0]), ephemeralPublic);
  const material = await crypto.subtle.importKey('raw', sharedSecret, 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: HKDF_SALT, info },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    [usage],
  );
}

// Payload layout: version | pulse id | response id | partner type | organisation (fixed 17
// bytes for a UUID or none, so naming it or not does not change the length) | answeredAt |
// answer count, then per answer: question id | value | comment | zero padding.

function encodePayload(payload: ResponsePayloadV1): Uint8Array<ArrayBuffer> {
  const partnerType = PARTNER_TYPES.indexOf(payload.partnerType);
  if (partnerType < 0) throw new RangeError(`Unknown partner type ${payload.partnerType}`);
  const answers = Object.entries(payload.answers);
  const writer = new ByteWriter()
    .byte(PAYLOAD_VERSION)
    .id(payload.pulseId)
    .id(payload.responseId)
    .byte(partnerType)
    .id(payload.organisationId);
  if (payload.organisationId === undefined) writer.bytes(new Uint8Array(16));
  writer.varint(payload.answeredAt).varint(answers.length);
  for (const [questionId, value] of answers) {
    writer.id(questionId);
    if (value === null) writer.byte(VALUE_NULL).byte(0);
    else if (typeof value === 'string') writer.byte(VALUE_TEXT).text(value);
    else if (Number.isInteger(value) && value >= 0 && value < 256) writer.byte(VALUE_SMALL_INT).byte(value);
    else writer.byte(VALUE_FLOAT).bytes(float64Bytes(value));
  }
  if (payload.comment === undefined) writer.byte(0);
  else writer.byte(1).text(payload.comment);
  const unpadded = writer.toBytes();
  const padded = new Uint8Array(Math.ceil((unpadded.length + 1) / PADDING_BLOCK) * PADDING_BLOCK);
  padded.set(unpadded);
  return padded;
}

function decodePayload(bytes: Uint8Array<ArrayBuffer>): ResponsePayloadV1 | 'malformed' | 'unsupported-version' {
  try {
    const reader = new ByteReader(bytes);
    if (reader.byte() !== PAYLOAD_VERSION) return 'unsupported-version';
    const pulseId = reader.id();
    const responseId = reader.id();
    const partnerType = PARTNER_TYPES[reader.byte()];
    const organisationId = reader.id();
    if (organisationId === undefined) reader.bytes(16);
    const answeredAt = reader.varint();
    const count = reader.varint();
    const answers: Array<[string, DecodedAnswer]> = [];
    for (let i = 0; i < count; i += 1) {
      const questionId = reader.id();
      if (questionId === undefined) return 'malformed';
      answers.push([questionId, readValue(reader)]);
    }
    const hasComment = reader.byte();
    const comment = hasComment === 1 ? reader.text() : undefined;
    if (hasComment > 1 || !reader.bytes(reader.remaining).every((b) => b === 0)) return 'malformed';
    if (pulseId === undefined || responseId === undefined || partnerType === undefined) return 'malformed';
    if (new Set(answers.map(([id]) => id)).size !== answers.length) return 'malformed';
    return {
      v: 1,
      pulseId,
      responseId,
      partnerType,
      ...(organisationId !== undefined ? { organisationId } : {}),
      ...payloadTail(answers, comment, answeredAt),
    };
  } catch (error) {
    if (error instanceof LayoutError) return 'malformed';
    throw error;
  }
}

function readValue(reader: ByteReader): DecodedAnswer {
  const tag = reader.byte();
  if (tag === VALUE_NULL) return reader.byte() === 0 ? null : invalid();
  if (tag === VALUE_SMALL_INT) return reader.byte();
  if (tag === VALUE_TEXT) return reader.text();
  if (tag === VALUE_FLOAT) {
    const value = new DataView(reader.bytes(8).slice().buffer).getFloat64(0);
    return Number.isFinite(value) ? value : invalid();
  }
  return invalid();
}

/** A float64, big-endian, as PP1 codes carry a value off the small scale (v1 only: kept out of ByteWriter, which the widget carries). */
function float64Bytes(value: number): Uint8Array {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  return new Uint8Array(view.buffer);
}

function invalid(): never {
  throw new LayoutError('Invalid value');
}

export function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
