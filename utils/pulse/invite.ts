// The invite: everything the partner's widget needs, carried in the link's fragment
// (pulse.html#<encoded>) so no server ever sees it. Wire form: base64url(UTF-8(JSON)).
import { DIMENSIONS, type Dimension, type QuestionScale } from '../db/records';
import { decodeBase64url, encodeBase64url, fromUtf8, utf8 } from './base64url';
import { isPublicJwk, publicJwk } from './keys';

export interface InviteQuestion {
  id: string;
  wording: string;
  scale: QuestionScale;
  dimension?: Dimension;
}

export interface PulseInvite {
  v: 1;
  pulseId: string;
  partnershipName: string;
  questions: InviteQuestion[];
  /** Invited organisations a partner may optionally name (id + name). */
  organisations: Array<{ id: string; name: string }>;
  /** Epoch ms. */
  expiresAt: number;
  /** The pulse's ECDH P-256 public key (kty/crv/x/y only). */
  publicKey: JsonWebKey;
}

export type InviteError = 'missing' | 'damaged' | 'unsupported-version';
export type DecodedInvite = { ok: true; invite: PulseInvite } | { ok: false; error: InviteError };

export const INVITE_VERSION = 1;
const SCALES: readonly QuestionScale[] = ['agree5', 'zeroTen', 'text'];

/** The fragment text (no '#'). Only the contract's fields are written. */
export function encodeInvite(invite: PulseInvite): string {
  return encodeBase64url(utf8(JSON.stringify(cleanInvite(invite))));
}

/** Reads a fragment (with or without its leading '#'); never throws. */
export function decodeInvite(fragment: string): DecodedInvite {
  const text = typeof fragment === 'string' ? fragment.replace(/^#/, '').trim() : '';
  if (text === '') return { ok: false, error: 'missing' };
  const bytes = decodeBase64url(text);
  if (!bytes) return { ok: false, error: 'damaged' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(fromUtf8(bytes));
  } catch {
    return { ok: false, error: 'damaged' };
  }
  if (typeof parsed !== 'object' || parsed === null) return { ok: false, error: 'damaged' };
  const version = (parsed as { v?: unknown }).v;
  if (version !== INVITE_VERSION) {
    return { ok: false, error: typeof version === 'number' ? 'unsupported-version' : 'damaged' };
  }
  return isInvite(parsed) ? { ok: true, invite: cleanInvite(parsed) } : { ok: false, error: 'damaged' };
}

/** `base` (the hosted pulse.html address, any fragment dropped) with the invite as its fragment. */
export function inviteUrl(base: string, invite: PulseInvite): string {
  return `${base.replace(/#.*$/s, '')}#${encodeInvite(invite)}`;
}

export function isInviteExpired(invite: PulseInvite, now = Date.now()): boolean {
  return now > invite.expiresAt;
}

function cleanInvite(invite: PulseInvite): PulseInvite {
  return {
    v: 1,
    pulseId: invite.pulseId,
    partnershipName: invite.partnershipName,
    questions: invite.questions.map(({ id, wording, scale, dimension }) =>
      dimension === undefined ? { id, wording, scale } : { id, wording, scale, dimension },
    ),
    organisations: invite.organisations.map(({ id, name }) => ({ id, name })),
    expiresAt: invite.expiresAt,
    publicKey: publicJwk(invite.publicKey),
  };
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

function isInvite(value: object): value is PulseInvite {
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
