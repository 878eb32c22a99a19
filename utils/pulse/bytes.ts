// The compact binary layout of response codes. Codes travel through call chats with length
// limits, so ids that are lower-case UUIDs (every id the extension makes) take 16 bytes
// instead of 36 characters, and integers are varints.
import { fromUtf8, utf8 } from './base64url';

/** Thrown by ByteReader when the bytes do not follow the layout; callers turn it into a result. */
export class LayoutError extends Error {}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const IdTag = { Absent: 0, Uuid: 1, Text: 2 } as const;
let HEX: string[] | undefined;

export class ByteWriter {
  private readonly chunks: number[] = [];

  byte(value: number): this {
    this.chunks.push(value & 255);
    return this;
  }

  bytes(values: Uint8Array): this {
    for (const value of values) this.chunks.push(value);
    return this;
  }

  /** A non-negative safe integer, 7 bits a byte, lowest first. */
  varint(value: number): this {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`Not a varint: ${value}`);
    let rest = value;
    while (rest >= 128) {
      this.chunks.push((rest % 128) | 128);
      rest = Math.floor(rest / 128);
    }
    this.chunks.push(rest);
    return this;
  }

  text(value: string): this {
    const encoded = utf8(value);
    return this.varint(encoded.length).bytes(encoded);
  }

  /** An id (or its absence): 16 bytes for a lower-case UUID, else as text. */
  id(value: string | undefined): this {
    if (value === undefined) return this.byte(IdTag.Absent);
    if (UUID.test(value)) {
      const hex = value.replaceAll('-', '');
      this.byte(IdTag.Uuid);
      for (let i = 0; i < 32; i += 2) this.byte(parseInt(hex.slice(i, i + 2), 16));
      return this;
    }
    return this.byte(IdTag.Text).text(value);
  }

  toBytes(): Uint8Array<ArrayBuffer> {
    return Uint8Array.from(this.chunks);
  }
}

export class ByteReader {
  private offset = 0;

  constructor(private readonly source: Uint8Array<ArrayBuffer>) {}

  get remaining(): number {
    return this.source.length - this.offset;
  }

  /** How many bytes have been read: the length of what came before the reader's position. */
  get position(): number {
    return this.offset;
  }

  byte(): number {
    if (this.remaining < 1) throw new LayoutError('Unexpected end');
    return this.source[this.offset++]!;
  }

  bytes(length: number): Uint8Array<ArrayBuffer> {
    if (this.remaining < length) throw new LayoutError('Unexpected end');
    const slice = this.source.subarray(this.offset, this.offset + length);
    this.offset += length;
    return slice;
  }

  varint(): number {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 8; i += 1) {
      const next = this.byte();
      value += (next & 127) * scale;
      if (next < 128) {
        if (!Number.isSafeInteger(value)) break;
        return value;
      }
      scale *= 128;
    }
    throw new LayoutError('Varint too long');
  }

  text(): string {
    const bytes = this.bytes(this.varint());
    try {
      return fromUtf8(bytes);
    } catch {
      throw new LayoutError('Not UTF-8');
    }
  }

  id(): string | undefined {
    const tag = this.byte();
    if (tag === IdTag.Absent) return undefined;
    if (tag === IdTag.Text) return this.text();
    if (tag !== IdTag.Uuid) throw new LayoutError(`Unknown id tag ${tag}`);
    // Two hex digits a byte from a table, joined in a plain loop: a paste reads two UUIDs in each
    // of thousands of codes, and Array.from over a typed array with a map was ten times slower.
    const hex = (HEX ??= Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0')));
    const bytes = this.bytes(16);
    let text = '';
    for (let i = 0; i < 16; i += 1) {
      if (i === 4 || i === 6 || i === 8 || i === 10) text += '-';
      text += hex[bytes[i]!];
    }
    return text;
  }
}
