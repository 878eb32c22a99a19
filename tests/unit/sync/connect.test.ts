import { describe, expect, it } from 'vitest';
import { normaliseServer } from '../../../utils/sync/connect';
import { originPattern, serverPermissionRequest } from '../../../utils/sync/permissions';
import { isPartnershipId, isValidPrefix, partnershipDb } from '../../../utils/sync/layout';

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
