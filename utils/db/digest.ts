import { STORE_NAMES, type PulseDatabase, type StoreName } from './schema';

/**
 * SHA-256 (hex) over every store's records in key order, each written with its keys sorted,
 * so two databases holding the same records have the same digest whatever order they were
 * written in. A CryptoKey (a pulse's private key) cannot be read: it counts as a marker with
 * its algorithm and type. Tests compare digests before and after a rejected import (every
 * store), and of two databases holding the same records (`stores` without this browser's own
 * bookkeeping, the workspace's change journal).
 */
export async function databaseDigest(db: PulseDatabase, stores: readonly StoreName[] = STORE_NAMES): Promise<string> {
  const tx = db.transaction([...stores], 'readonly');
  const lists = await Promise.all(stores.map((store) => tx.objectStore(store).getAll()));
  await tx.done;
  const storeDigests: string[] = [];
  for (let i = 0; i < stores.length; i += 1) {
    const text = `${stores[i]}:${lists[i]!.map(canonical).join('\n')}`;
    storeDigests.push(await sha256(text));
  }
  return sha256(storeDigests.join('\n'));
}

async function sha256(text: string): Promise<string> {
  const hash = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(hash)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

function isCryptoKey(value: object): value is CryptoKey {
  return typeof CryptoKey !== 'undefined' && value instanceof CryptoKey;
}

/** JSON with sorted keys; undefined properties left out, as JSON does. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  if (isCryptoKey(value)) return JSON.stringify({ $cryptoKey: [value.algorithm.name, value.type, value.extractable] });
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(record[key])}`).join(',')}}`;
}
