// Texts an attacker might send as base64url, each of which both decoders must refuse: the
// native one (Uint8Array.prototype.setFromBase64, which on its own skips white space, takes padding and the
// standard alphabet) and the JavaScript one. Shared by the unit test and the Chromium test.

/** Why each text is not unpadded base64url. `unusedBits`: refused only for its last character's stray bits. */
export const BASE64URL_ATTACKS: ReadonlyArray<{ text: string; why: string; unusedBits?: true }> = [
  { text: 'Zg==', why: 'padding' },
  { text: 'Zm8=', why: 'padding' },
  { text: 'Zg==Zm9v', why: 'padding inside' },
  { text: '====', why: 'padding only' },
  { text: '+/8', why: 'the standard alphabet' },
  { text: 'Zm9v+w', why: 'a standard-alphabet character' },
  { text: 'Zm9 v', why: 'a space inside' },
  { text: ' Zm9v', why: 'a leading space' },
  { text: 'Zm9v\n', why: 'a trailing newline' },
  { text: 'Zm\t9v', why: 'a tab' },
  { text: 'Zm\f9v', why: 'a form feed' },
  { text: 'Zm9v\r\nYg', why: 'a line break' },
  { text: 'Zm9vé', why: 'a non-ASCII letter' },
  { text: 'Zm9\u0156', why: 'a character whose low byte is in the alphabet' },
  { text: 'Zm9\uff56', why: 'a full-width letter' },
  { text: 'Zm\u00009v', why: 'a NUL' },
  { text: 'Zm.9v', why: 'a dot' },
  { text: 'Zm9vY', why: 'a length of 4n + 1' },
  { text: 'A', why: 'one character' },
  { text: 'Zh', why: 'non-zero unused bits after one byte', unusedBits: true },
  { text: 'Zm9', why: 'non-zero unused bits after two bytes', unusedBits: true },
  { text: 'Zm9vYh', why: 'non-zero unused bits after four bytes', unusedBits: true },
  { text: '__', why: 'all unused bits set', unusedBits: true },
];

/** Valid texts and their bytes (RFC 4648 §10, URL-safe and unpadded). */
export const BASE64URL_VECTORS: ReadonlyArray<[string, number[]]> = [
  ['', []],
  ['Zg', [0x66]],
  ['Zm8', [0x66, 0x6f]],
  ['Zm9v', [0x66, 0x6f, 0x6f]],
  ['Zm9vYg', [0x66, 0x6f, 0x6f, 0x62]],
  ['Zm9vYmE', [0x66, 0x6f, 0x6f, 0x62, 0x61]],
  ['Zm9vYmFy', [0x66, 0x6f, 0x6f, 0x62, 0x61, 0x72]],
  ['-_8', [0xfb, 0xff]],
  ['AAAA', [0, 0, 0]],
  ['____', [0xff, 0xff, 0xff]],
];
