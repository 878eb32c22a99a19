/**
 * The normal forms the database indexes: addresses and domains (`by-email`, `by-domain`) and
 * the alias a display name is remembered under (`by-alias`). Matching reads them from here.
 */

/** Addresses compared case-insensitively, as every mail system in practice treats them. */
export function normaliseEmail(email: string): string {
  return email.normalize('NFKC').trim().toLowerCase();
}

/** `Sam@AgeUK.example` → `ageuk.example`; undefined when it is not an address. */
export function emailDomain(email: string): string | undefined {
  const address = normaliseEmail(email);
  const at = address.lastIndexOf('@');
  if (at <= 0) return undefined;
  const domain = address.slice(at + 1).replace(/\.$/, '');
  return /^[^\s@.]+(\.[^\s@.]+)+$/.test(domain) ? domain : undefined;
}

/** A domain as users type it: `@AgeUK.example ` → `ageuk.example`. */
export function normaliseDomain(domain: string): string {
  return domain.normalize('NFKC').trim().toLowerCase().replace(/^@/, '').replace(/\.$/, '');
}

/**
 * Public mail providers: an address there says nothing about the organisation, so such a
 * domain is never remembered as an organisation's.
 */
const PERSONAL_DOMAINS = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'hotmail.co.uk',
  'live.com',
  'live.co.uk',
  'msn.com',
  'yahoo.com',
  'yahoo.co.uk',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'protonmail.com',
  'proton.me',
  'btinternet.com',
  'sky.com',
  'virginmedia.com',
  'talktalk.net',
  'gmx.com',
  'mail.com',
]);

export function isPersonalEmailDomain(domain: string): boolean {
  return PERSONAL_DOMAINS.has(normaliseDomain(domain));
}

/**
 * Display names as the call platforms show them carry decorations that change from call to
 * call ("Sam Okafor (Guest)", "Sam Okafor Presenting"). normaliseName() reduces a name to the
 * alias under which a person is remembered.
 */

/** Labels the platforms add in brackets or after the name. */
const LABELS = new Set([
  'you',
  'me',
  'guest',
  'external',
  'host',
  'co-host',
  'cohost',
  'organiser',
  'organizer',
  'presenter',
  'presenting',
  'unverified',
  'moderator',
  'interpreter',
]);

const PRONOUNS = /^[a-z]+\/[a-z]+(\/[a-z]+)?$/; // she/her, they/them, he/him/his
const TRAILING_BRACKET = /\s*[([]([^()[\]]*)[)\]]$/;
const TRAILING_WORD = /\s+(?:is\s+)?(presenting|presenter)$/;
// Zero-width and bidirectional control characters hidden in names.
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF\u00AD]/g;

function isLabelList(inside: string): boolean {
  const parts = inside.split(',').map((part) => part.trim());
  return parts.every((part) => LABELS.has(part) || PRONOUNS.test(part));
}

/** NFKC, case-folded, whitespace collapsed, platform labels ("(You)", "Presenting"…) removed. */
export function normaliseName(name: string): string {
  let result = name.normalize('NFKC').replace(INVISIBLE, '').toLowerCase().replace(/\s+/g, ' ').trim();
  for (;;) {
    const bracket = TRAILING_BRACKET.exec(result);
    if (bracket && isLabelList(bracket[1]!)) {
      result = result.slice(0, bracket.index).trim();
      continue;
    }
    const word = TRAILING_WORD.exec(result);
    if (word) {
      result = result.slice(0, word.index).trim();
      continue;
    }
    return result;
  }
}
