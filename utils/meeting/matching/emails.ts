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
