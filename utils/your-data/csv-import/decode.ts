import { ImportRejected } from '../bundle/problems';
import { localise } from '../bundle/problems';

/**
 * A CSV file's bytes as text. UTF-8 with or without a byte-order mark, UTF-16 with one (Excel's
 * "Unicode text"). Bytes that are not UTF-8 are read as Windows-1252 (what Excel on Windows
 * writes for "CSV" without "UTF-8"), and the preview says so with where the first such byte is,
 * so the user can check the accented letters or save the file again as CSV UTF-8.
 */

export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedCsv {
  text: string;
  encoding: CsvEncoding;
  /** Windows-1252 only: the first byte that is not UTF-8 (1-based) and its line. */
  notUtf8At?: { byte: number; line: number };
}

export function decodeCsvBytes(bytes: Uint8Array, fileName: string): DecodedCsv {
  const reject = (key: 'csvImport_empty' | 'csvImport_notText' | 'csvImport_utf16NoBom') => {
    throw new ImportRejected([{ file: fileName, message: localise(key), key }]);
  };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return decodeUtf8(bytes.subarray(3), fileName, 3);
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  if (bytes.length === 0) reject('csvImport_empty');
  // A zip (an .xlsx workbook renamed) or anything else with NUL bytes is not a text table.
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const nul = bytes.indexOf(0);
  if (zip) reject('csvImport_notText');
  if (nul >= 0) {
    // Every other byte NUL: UTF-16 text saved without its byte-order mark.
    const sample = bytes.subarray(0, 200);
    const nuls = sample.filter((b) => b === 0).length;
    reject(nuls * 2 >= sample.length - 1 ? 'csvImport_utf16NoBom' : 'csvImport_notText');
  }
  return decodeUtf8(bytes, fileName);
}

/** `offset`: the bytes before `bytes` in the file (a byte-order mark), counted in the byte named. */
function decodeUtf8(bytes: Uint8Array, fileName: string, offset = 0): DecodedCsv {
  const bad = firstInvalidUtf8(bytes);
  if (bad < 0) {
    const text = new TextDecoder('utf-8').decode(bytes);
    if (text.trim() === '')
      throw new ImportRejected([{ file: fileName, message: localise('csvImport_empty'), key: 'csvImport_empty' }]);
    return { text, encoding: 'utf-8' };
  }
  let line = 1;
  for (let i = 0; i < bad; i += 1) if (bytes[i] === 0x0a) line += 1;
  return {
    text: new TextDecoder('windows-1252').decode(bytes),
    encoding: 'windows-1252',
    notUtf8At: { byte: offset + bad + 1, line },
  };
}

/** The offset of the first byte that breaks UTF-8, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let code = b & (0x3f >> need);
    for (let k = 1; k <= need; k += 1) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return i;
      code = (code << 6) | (next & 0x3f);
    }
    // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8.
    if (code < min || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return i;
    i += need + 1;
  }
  return -1;
}
