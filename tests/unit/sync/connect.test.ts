import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from '#imports';
import type { SyncNowMessage } from '../../../utils/browser/messaging';
import { normaliseServer, readOffered, releaseServer, syncNow } from '../../../utils/sync/connect';
import { SYNC_ALARM } from '../../../utils/sync/background';
import { CouchClient, SyncError } from '../../../utils/sync/http';
import { originPattern, serverPermissionRequest } from '../../../utils/sync/permissions';
import { isPartnershipId, isValidPrefix, partnershipDb } from '../../../utils/sync/layout';

const P1 = '11111111-1111-4111-8111-111111111111';

/** A server that answers every request with this status and body, and records what was asked. */
function server(status: number, body: unknown) {
  const asked: string[] = [];
  const client = new CouchClient('https://couch.example.org', async (url) => {
    asked.push(url);
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  });
  return { client, asked };
}

describe('the address a lead types to connect', () => {
  it('keeps the origin and path, and refuses credentials, other schemes and nonsense', () => {
    expect(normaliseServer(' https://couch.example.org/ ')).toBe('https://couch.example.org');
    expect(normaliseServer('https://example.org/couchdb//')).toBe('https://example.org/couchdb');
    expect(normaliseServer('http://127.0.0.1:5984')).toBe('http://127.0.0.1:5984');
    expect(normaliseServer('https://admin:secret@couch.example.org')).toBeNull();
    expect(normaliseServer('javascript:alert(1)')).toBeNull();
    expect(normaliseServer('file:///etc/passwd')).toBeNull();
    expect(normaliseServer('couch.example.org')).toBeNull();
  });

  it('takes plain http for this computer only: over a network anyone on the way reads the password and every record, and can answer instead of the server', () => {
    expect(normaliseServer('http://couch.example.org')).toBeNull();
    expect(normaliseServer('http://192.168.1.20:5984')).toBeNull();
    expect(normaliseServer('http://127.0.0.1.example.org:5984')).toBeNull();
    expect(normaliseServer('http://localhost.example.org')).toBeNull();
    expect(normaliseServer('http://[::ffff:7f00:1]:5984')).toBeNull();
    expect(normaliseServer('HTTP://LOCALHOST:5984/')).toBe('http://localhost:5984');
    expect(normaliseServer('http://127.0.0.2:5984')).toBe('http://127.0.0.2:5984');
    expect(normaliseServer('http://[::1]:5984')).toBe('http://[::1]:5984');
    expect(normaliseServer('https://192.168.1.20:6984')).toBe('https://192.168.1.20:6984');
  });

  it('asks for that one host only, never a wildcard over every site', () => {
    expect(originPattern('https://couch.example.org/couchdb')).toBe('https://couch.example.org/*');
    expect(originPattern('http://127.0.0.1:5984')).toBe('http://127.0.0.1/*');
    expect(originPattern('ftp://couch.example.org')).toBeNull();
    expect(originPattern('not a url')).toBeNull();
  });
});

describe('what connecting asks the browser for', () => {
  it('asks only for what the manifest offers: the alarm in Chrome, declared data collection in Firefox', () => {
    const chrome = { optional_permissions: ['alarms'] };
    expect(serverPermissionRequest('https://couch.example.org', chrome)).toEqual({
      permissions: ['alarms'],
      origins: ['https://couch.example.org/*'],
    });
    const firefox = {
      optional_permissions: ['https://*/*'],
      browser_specific_settings: {
        gecko: { data_collection_permissions: { optional: ['personallyIdentifyingInfo', 'locationInfo'] } },
      },
    };
    // Only the workspace's own kinds of data, even when the manifest declares more.
    expect(serverPermissionRequest('https://couch.example.org', firefox)).toEqual({
      permissions: [],
      origins: ['https://couch.example.org/*'],
      data_collection: ['personallyIdentifyingInfo'],
    });
    expect(serverPermissionRequest('ftp://couch.example.org', chrome)).toBeNull();
  });
});

describe('database names', () => {
  it('are made only from a valid prefix and a partnership id that is a UUID', () => {
    expect(isValidPrefix('pp-')).toBe(true);
    expect(isValidPrefix('PP-')).toBe(false);
    expect(isValidPrefix('../x')).toBe(false);
    expect(isPartnershipId('11111111-1111-4111-8111-111111111111')).toBe(true);
    expect(isPartnershipId('../_users')).toBe(false);
    expect(partnershipDb('pp-', '11111111-1111-4111-8111-111111111111')).toBe(
      'pp-p-11111111-1111-4111-8111-111111111111',
    );
  });
});

describe('the list of partnerships offered when connecting', () => {
  it('is read from the lead’s own list, or the coordinators’, never the directory', async () => {
    const lead = server(200, { partnerships: [{ id: P1, name: 'Food bank' }] });
    expect(await readOffered(lead.client, 'pp-', { name: 'Ana.B', roles: ['pp-lead'] })).toEqual([
      { id: P1, name: 'Food bank', attendance: 'people' },
    ]);
    expect(lead.asked).toEqual(['https://couch.example.org/pp-u-(41)na(2e)(42)/workspace%3Apartnerships']);
    const coordinator = server(200, { partnerships: [] });
    await readOffered(coordinator.client, 'pp-', { name: 'cora', roles: ['pp-coordinator'] });
    expect(coordinator.asked).toEqual(['https://couch.example.org/pp-coordinators/workspace%3Apartnerships']);
  });

  it('reads the list through the one checking reader (tests/unit/sync/layout.test.ts)', async () => {
    const forged = server(200, {
      partnerships: [
        { id: '../_users', name: 'Path' },
        { id: P1, name: 'x'.repeat(10_000), attendance: 'names' },
      ],
    });
    expect(await readOffered(forged.client, 'pp-', { name: 'ana', roles: ['pp-lead'] })).toEqual([
      { id: P1, name: 'x'.repeat(500), attendance: 'people' },
    ]);
  });

  it('says what went wrong when the list cannot be read', async () => {
    for (const [status, kind] of [
      [404, 'missing'],
      [403, 'forbidden'],
      [401, 'signed-out'],
    ] as const) {
      const { client } = server(status, { error: 'x', reason: 'y' });
      const failure = await readOffered(client, 'pp-', { name: 'ana', roles: ['pp-lead'] }).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(SyncError);
      expect((failure as SyncError).kind).toBe(kind);
    }
  });
});

describe('"sync now": one message of the extension protocol (utils/browser/messaging.ts)', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("syncNow sends the protocol's SyncNowMessage, the one the background takes", async () => {
    const sent: unknown[] = [];
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async (message: unknown) => {
      sent.push(message);
    });
    await syncNow();
    const expected: SyncNowMessage = { type: 'pp:sync-now' };
    expect(sent).toEqual([expected]);
  });

  it('with no background listening (it rejects), syncNow still resolves: the alarm or the next change syncs', async () => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockRejectedValue(new Error('Receiving end does not exist.'));
    await expect(syncNow()).resolves.toBeUndefined();
  });
});

describe('leaving a workspace', () => {
  it('gives back that server’s host permission and stops the alarm', async () => {
    const removed: unknown[] = [];
    vi.spyOn(fakeBrowser.permissions, 'remove').mockImplementation(async (request) => {
      removed.push(request);
      return true;
    });
    await fakeBrowser.alarms.create(SYNC_ALARM, { periodInMinutes: 5 });
    await fakeBrowser.alarms.create('other', { periodInMinutes: 5 });
    await releaseServer('https://couch.example.org/couchdb');
    expect(removed).toEqual([{ origins: ['https://couch.example.org/*'] }]);
    expect((await fakeBrowser.alarms.getAll()).map((alarm) => alarm.name)).toEqual(['other']);
  });

  it('goes on when the browser keeps the permission (one the manifest requires)', async () => {
    vi.spyOn(fakeBrowser.permissions, 'remove').mockRejectedValue(new Error('You cannot remove required permissions.'));
    await expect(releaseServer('http://127.0.0.1:5984')).resolves.toBeUndefined();
  });
});
