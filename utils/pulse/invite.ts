// The invite: everything the partner's widget needs, carried in the link's fragment
// (pulse.html#<encoded>) so no server ever sees it.
//
// Version 2 (what encodeInvite writes) is binary, base64url, so a link fits a call chat
// whatever the number of organisations: version | flags | pulse id | expiresAt | the public key
// as a compressed P-256 point | partnership name | questions (a default statement by reference:
// one byte) | for a personal link, the seat's 128-bit token and label. The organisations are not
// listed: a personal link names its seat, and a shared link asks only for the partner type.
// Version 1 (base64url of JSON, with the organisation list) is still read, as a shared link, so
// links a lead sent before keep working; its organisation list is ignored.
import { DIMENSIONS, type Dimension, type QuestionScale } from '../db/records';
import { decodeBase64urlPortable, encodeBase64url, fromUtf8 } from './base64url';
import { ByteReader, ByteWriter, LayoutError } from './bytes';
import { DEFAULT_STATEMENTS } from './default-statements';
import { isPublicJwk, publicJwk } from './keys';
import { COMPRESSED_POINT_BYTES, compressedFromJwk, jwkFromCompressed } from './p256';
import { TOKEN_BYTES } from './seats';

export interface InviteQuestion {
  id: string;
  wording: string;
  scale: QuestionScale;
  dimension?: Dimension;
}

/** A personal link's seat: its one-time token and the label shown (the organisation's name). */
export interface InviteSeat {
  /** base64url of 16 random bytes (utils/pulse/seats.ts makeSeatToken). */
  token: string;
  label: string;
}

export interface PulseInvite {
  v: 2;
  pulseId: string;
  partnershipName: string;
  questions: InviteQuestion[];
  /** Epoch ms. */
  expiresAt: number;
  /** The pulse's ECDH P-256 public key (kty/crv/x/y only). */
  publicKey: JsonWebKey;
  /**
   * A personal link's seat. The label is display only: the extension maps the token (by its
   * hash) to the seat, so a changed label changes nothing. Absent: a shared link, where the
   * widget asks for the partner type.
   */
  seat?: InviteSeat;
}

export type InviteError = 'missing' | 'damaged' | 'unsupported-version';
export type DecodedInvite = { ok: true; invite: PulseInvite } | { ok: false; error: InviteError };

export const INVITE_VERSION = 2;
const SCALES: readonly QuestionScale[] = ['agree5', 'zeroTen', 'text'];
const FLAG_SEAT = 1;
/** Question kinds: a core dimension with its default statement, with its own wording, or an extra question. */
const CORE_DEFAULT = 0;
const CORE_WORDED = 4;
const EXTRA = 8;
const NO_DIMENSION = 255;
const MAX_QUESTIONS = 20;
const MAX_TEXT = 2000;

/** The fragment text (no '#'). Only the contract's fields are written. */
export function encodeInvite(invite: PulseInvite): string {
  const writer = new ByteWriter()
    .byte(INVITE_VERSION)
    .byte(invite.seat ? FLAG_SEAT : 0)
    .id(invite.pulseId)
    .varint(invite.expiresAt)
    .bytes(compressedFromJwk(invite.publicKey))
    .text(invite.partnershipName)
    .varint(invite.questions.length);
  for (const question of invite.questions) {
    const core = DIMENSIONS.indexOf(question.dimension!);
    if (core >= 0 && question.id === question.dimension && question.scale === 'agree5') {
      if (question.wording === DEFAULT_STATEMENTS[question.dimension]) writer.byte(CORE_DEFAULT + core);
      else writer.byte(CORE_WORDED + core).text(question.wording);
    } else {
      writer
        .byte(EXTRA)
        .id(question.id)
        .byte(SCALES.indexOf(question.scale))
        .byte(question.dimension ? DIMENSIONS.indexOf(question.dimension) : NO_DIMENSION)
        .text(question.wording);
    }
  }
  if (invite.seat) {
    const token = decodeBase64urlPortable(invite.seat.token);
    if (!token || token.length !== TOKEN_BYTES) throw new RangeError('A seat token is 16 bytes of base64url');
    writer.bytes(token).text(invite.seat.label);
  }
  return encodeBase64url(writer.toBytes());
}

/** Reads a fragment (with or without its leading '#'); never throws. */
export function decodeInvite(fragment: string): DecodedInvite {
  const text = typeof fragment === 'string' ? fragment.replace(/^#/, '').trim() : '';
  if (text === '') return { ok: false, error: 'missing' };
  const bytes = decodeBase64urlPortable(text);
  if (!bytes || bytes.length === 0) return { ok: false, error: 'damaged' };
  if (bytes[0] === 0x7b) return decodeVersion1(bytes);
  if (bytes[0] !== INVITE_VERSION) {
    // A later binary version starts with its number; anything else is not an invite.
    return { ok: false, error: bytes[0]! > INVITE_VERSION && bytes[0]! < 16 ? 'unsupported-version' : 'damaged' };
  }
  try {
    const invite = readVersion2(new ByteReader(bytes));
    return invite ? { ok: true, invite } : { ok: false, error: 'damaged' };
  } catch (error) {
    if (error instanceof LayoutError) return { ok: false, error: 'damaged' };
    throw error;
  }
}

function readVersion2(reader: ByteReader): PulseInvite | null {
  reader.byte();
  const flags = reader.byte();
  if (flags & ~FLAG_SEAT) return null;
  const pulseId = reader.id();
  const expiresAt = reader.varint();
  const publicKey = jwkFromCompressed(reader.bytes(COMPRESSED_POINT_BYTES));
  const partnershipName = reader.text();
  const count = reader.varint();
  if (!pulseId || !publicKey || count === 0 || count > MAX_QUESTIONS || partnershipName.length > MAX_TEXT) return null;
  const questions: InviteQuestion[] = [];
  for (let i = 0; i < count; i += 1) {
    const kind = reader.byte();
    if (kind < CORE_WORDED) {
      const dimension = DIMENSIONS[kind]!;
      questions.push({ id: dimension, wording: DEFAULT_STATEMENTS[dimension], scale: 'agree5', dimension });
    } else if (kind < EXTRA) {
      const dimension = DIMENSIONS[kind - CORE_WORDED]!;
      questions.push({ id: dimension, wording: reader.text(), scale: 'agree5', dimension });
    } else if (kind === EXTRA) {
      const id = reader.id();
      const scale = SCALES[reader.byte()];
      const dimensionByte = reader.byte();
      const dimension = DIMENSIONS[dimensionByte];
      const wording = reader.text();
      if (!id || !scale || (dimension === undefined && dimensionByte !== NO_DIMENSION)) return null;
      questions.push(dimension ? { id, wording, scale, dimension } : { id, wording, scale });
    } else return null;
  }
  if (questions.some((q) => q.wording.length > MAX_TEXT)) return null;
  if (new Set(questions.map((q) => q.id)).size !== questions.length) return null;
  let seat: InviteSeat | undefined;
  if (flags & FLAG_SEAT) seat = { token: encodeBase64url(reader.bytes(TOKEN_BYTES)), label: reader.text() };
  if (reader.remaining !== 0 || (seat && seat.label.length > MAX_TEXT)) return null;
  return { v: 2, pulseId, partnershipName, questions, expiresAt, publicKey, ...(seat ? { seat } : {}) };
}

function decodeVersion1(bytes: Uint8Array<ArrayBuffer>): DecodedInvite {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fromUtf8(bytes));
  } catch {
    return { ok: false, error: 'damaged' };
  }
  if (typeof parsed !== 'object' || parsed === null) return { ok: false, error: 'damaged' };
  const version = (parsed as { v?: unknown }).v;
  if (version !== 1) return { ok: false, error: typeof version === 'number' ? 'unsupported-version' : 'damaged' };
  if (!isVersion1(parsed)) return { ok: false, error: 'damaged' };
  return {
    ok: true,
    invite: {
      v: 2,
      pulseId: parsed.pulseId,
      partnershipName: parsed.partnershipName,
      questions: parsed.questions.map(({ id, wording, scale, dimension }) =>
        dimension === undefined ? { id, wording, scale } : { id, wording, scale, dimension },
      ),
      expiresAt: parsed.expiresAt,
      publicKey: publicJwk(parsed.publicKey),
    },
  };
}

/** `base` (the hosted pulse.html address, any fragment dropped) with the invite as its fragment. */
export function inviteUrl(base: string, invite: PulseInvite): string {
  return `${base.replace(/#.*$/s, '')}#${encodeInvite(invite)}`;
}

export function isInviteExpired(invite: PulseInvite, now = Date.now()): boolean {
  return now > invite.expiresAt;
}

const isText = (value: unknown): value is string => typeof value === 'string';
const isId = (value: unknown): value is string => isText(value) && value !== '';

function isQuestion(value: unknown): value is InviteQuestion {
  if (typeof value !== 'object' || value === null) return false;
  const q = value as Record<string, unknown>;
  return (
    isId(q.id) &&
    isText(q.wording) &&
    SCALES.includes(q.scale as QuestionScale) &&
    (q.dimension === undefined || DIMENSIONS.includes(q.dimension as Dimension))
  );
}

function isOrganisation(value: unknown): value is { id: string; name: string } {
  if (typeof value !== 'object' || value === null) return false;
  const o = value as Record<string, unknown>;
  return isId(o.id) && isText(o.name);
}

interface Version1 {
  pulseId: string;
  partnershipName: string;
  questions: InviteQuestion[];
  expiresAt: number;
  publicKey: JsonWebKey;
}

function isVersion1(value: object): value is Version1 {
  const i = value as Record<string, unknown>;
  return (
    isId(i.pulseId) &&
    isText(i.partnershipName) &&
    Array.isArray(i.questions) &&
    i.questions.length > 0 &&
    i.questions.every(isQuestion) &&
    new Set(i.questions.map((q: InviteQuestion) => q.id)).size === i.questions.length &&
    Array.isArray(i.organisations) &&
    i.organisations.every(isOrganisation) &&
    typeof i.expiresAt === 'number' &&
    Number.isFinite(i.expiresAt) &&
    isPublicJwk(i.publicKey)
  );
}
