/**
 * Ids for imported records, from what the record is ("pulse:<partnership id>:2024-03"), never
 * from the file's bytes: a 128-bit hash shaped as a UUID (version 8, "custom", RFC 9562). So a
 * survey exported again later, with more rows, other line endings or a byte-order mark, gives
 * the rows it had before the same ids, and importing it adds only what is new.
 */
export function importId(what: string): string {
  return uuidOf(absorb([...SEED], what));
}

// The namespace is hashed once: only `what` is hashed per record.
const SEED = absorb([1779033703, 3144134277, 1013904242, 2773480762], 'partnership-pulse/csv-import|');

type Lanes = [number, number, number, number];

// cyrb128: four 32-bit lanes of a multiplicative hash, mixed at the end.
function absorb(lanes: number[], text: string): Lanes {
  let [h1, h2, h3, h4] = lanes as Lanes;
  for (let i = 0; i < text.length; i += 1) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  return [h1, h2, h3, h4];
}

function uuidOf(lanes: Lanes): string {
  let [h1, h2, h3, h4] = lanes;
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  const hex = hex32(h1) + hex32(h2) + hex32(h3) + hex32(h4);
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const BYTE_HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

function hex32(h: number): string {
  return (
    BYTE_HEX[(h >>> 24) & 0xff]! + BYTE_HEX[(h >>> 16) & 0xff]! + BYTE_HEX[(h >>> 8) & 0xff]! + BYTE_HEX[h & 0xff]!
  );
}
