import { t } from '../i18n/messages';

/**
 * The few CouchDB HTTP calls the sync makes, with every answer treated as untrusted: a
 * network failure, a status, a body that is not JSON or is too large each become a SyncError
 * of one kind, so the caller can say what happened and try again later.
 */

export type SyncErrorKind =
  /** No answer: the network or the server is away. */
  | 'offline'
  /** 401: no session, or it expired. */
  | 'signed-out'
  /** 403: the server refused (not a member, or validation). */
  | 'forbidden'
  /** 404: the database does not exist (a partnership not yet in the workspace). */
  | 'missing'
  /** The answer was not what CouchDB sends: not JSON, the wrong shape, or too large. */
  | 'malformed'
  /** Any other status. */
  | 'server';

export class SyncError extends Error {
  constructor(
    readonly kind: SyncErrorKind,
    /** What and where, for the status line and the error log (never a password). */
    readonly detail: string,
  ) {
    super(`${kind}: ${detail}`);
    this.name = 'SyncError';
  }
}

/** The largest answer read, in bytes: far above a batch of documents. */
export const MAX_ANSWER_BYTES = 32 * 1024 * 1024;
/**
 * The longest a request may take, its answer read whole included, unless the caller brings its
 * own signal (the live feed's longpoll): a server that accepts and never answers, or trickles an
 * answer for ever, would otherwise hold the one sync that runs at a time, and every later one.
 */
export const REQUEST_TIMEOUT_MS = 120_000;

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export class CouchClient {
  readonly base: string;

  constructor(
    base: string,
    private readonly fetcher: Fetch = (input, init) => fetch(input, init),
    private readonly maxBytes = MAX_ANSWER_BYTES,
    private readonly timeoutMs = REQUEST_TIMEOUT_MS,
  ) {
    this.base = base.replace(/\/+$/, '');
  }

  /**
   * One request; resolves to the parsed JSON of an `accept`ed status's answer, throws SyncError
   * otherwise. The session cookie rides along (`credentials: 'include'`). A redirect is never
   * followed: it would carry the request (a sign-in's password included) and the cookie's
   * authority to an address the lead never connected to; it ends as an answer not accepted.
   */
  async request(
    method: string,
    path: string,
    options: { body?: unknown; accept?: readonly number[]; signal?: AbortSignal } = {},
  ): Promise<unknown> {
    const where = `${method} ${path.split('?')[0]}`;
    let response: Response;
    try {
      response = await this.fetcher(`${this.base}${path}`, {
        method,
        credentials: 'include',
        headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: options.signal ?? AbortSignal.timeout(this.timeoutMs),
        redirect: 'manual',
      });
    } catch (error) {
      throw new SyncError('offline', `${where}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const length = Number(response.headers.get('Content-Length') ?? '0');
    if (length > this.maxBytes) {
      await response.body?.cancel().catch(() => {});
      throw new SyncError('malformed', t('syncTooLarge', where, length));
    }
    let text: string;
    try {
      text = await readLimited(response, this.maxBytes);
    } catch (error) {
      if (error instanceof SyncError) throw new SyncError(error.kind, `${where}: ${error.detail}`);
      throw new SyncError('offline', t('syncBrokeOff', where));
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new SyncError('malformed', t('syncNotJson', where, response.status));
    }
    const accept = options.accept ?? [200, 201, 202];
    if (accept.includes(response.status)) return body;
    const kind =
      ({ 401: 'signed-out', 403: 'forbidden', 404: 'missing' } as Partial<Record<number, SyncErrorKind>>)[
        response.status
      ] ?? 'server';
    throw new SyncError(kind, `${where}: ${reasonOf(body)}`);
  }
}

/** The server's own words for a refusal (`{"error": "forbidden", "reason": "…"}`), shortened. */
export function reasonOf(body: unknown): string {
  // Read from a primitive too (it has neither), not from null.
  const { error, reason } = (body ?? {}) as Record<string, unknown>;
  const text = typeof reason === 'string' ? reason : typeof error === 'string' ? error : t('syncNoReason');
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/**
 * The body as text, read as it comes and refused once longer than `maxBytes` (a body without a
 * Content-Length, or longer than it said): the chunks are kept as they came and decoded once.
 */
async function readLimited(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return response.text();
  const reader = response.body.getReader();
  const chunks: BlobPart[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return new Blob(chunks).text();
    chunks.push(value);
    if ((size += value.byteLength) > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new SyncError('malformed', t('syncLarger', maxBytes));
    }
  }
}
