import { describe, expect, it } from 'vitest';
import { CouchClient, SyncError } from '../../../utils/sync/http';

/** A body streamed in these chunks, with no Content-Length (as CouchDB streams `_all_docs`). */
function streamed(chunks: Uint8Array[]): Response {
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks.shift();
      if (next && !cancelled) controller.enqueue(next);
      else controller.close();
    },
    cancel() {
      cancelled = true;
    },
  });
  return new Response(body, { status: 200, headers: { 'Content-Type': 'application/json' } });
}

const client = (answer: () => Response, maxBytes?: number) =>
  new CouchClient('http://couch.test', () => Promise.resolve(answer()), maxBytes);

describe('CouchClient: an answer read as it streams', () => {
  it('joins the chunks before decoding: a character split between two chunks comes through whole', async () => {
    const bytes = new TextEncoder().encode(JSON.stringify({ name: 'Café – Ōtautahi 👋', n: 1 }));
    // Split inside the multi-byte characters: each chunk alone is not valid UTF-8.
    const cut = [0, 14, 15, 27, 28, 37, bytes.length];
    const chunks = cut.slice(1).map((end, i) => bytes.slice(cut[i], end));
    const answer = await client(() => streamed(chunks)).request('GET', '/db');
    expect(answer).toEqual({ name: 'Café – Ōtautahi 👋', n: 1 });
  });

  it('refuses a streamed answer longer than the limit (no Content-Length to refuse it first), saying so', async () => {
    const chunk = new TextEncoder().encode('['.padEnd(64, ' '));
    const error = await client(() => streamed(Array.from({ length: 20 }, () => chunk)), 1_000)
      .request('GET', '/db/_all_docs')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncError);
    expect((error as SyncError).kind).toBe('malformed');
    expect((error as SyncError).detail).toBe('GET /db/_all_docs: the answer is larger than 1000 bytes');
  });

  it('reads an answer of exactly the limit', async () => {
    const text = JSON.stringify({ pad: 'x'.repeat(100) });
    const bytes = new TextEncoder().encode(text);
    const answer = await client(() => streamed([bytes.slice(0, 50), bytes.slice(50)]), bytes.length).request(
      'GET',
      '/db',
    );
    expect(answer).toEqual({ pad: 'x'.repeat(100) });
  });
});
