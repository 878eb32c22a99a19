import { describe, expect, it } from 'vitest';
import { NAMED_STORES } from '../../../utils/db/record-names';
import { TRAVELLING_STORES, partnershipDb } from '../../../utils/sync/layout';
import { refusedRecord } from '../../../utils/sync/refused-record';

const P1 = 'd9111111-1111-4111-8111-111111111111';

describe('the record a refusal names', () => {
  it('is a whole partnership database’s partnership only in the connected workspace', () => {
    expect(refusedRecord({ db: partnershipDb('pp-', P1) }, 'pp-')).toEqual({ store: 'partnerships', id: P1 });
    // Another workspace's database, or any database whose name only ends like one.
    expect(refusedRecord({ db: partnershipDb('other-', P1) }, 'pp-')).toBeUndefined();
    expect(refusedRecord({ db: `userdb-p-${P1}` }, 'pp-')).toBeUndefined();
    expect(refusedRecord({ db: partnershipDb('pp-', P1) }, undefined)).toBeUndefined();
    expect(refusedRecord({ db: partnershipDb('pp-', 'not-an-id') }, 'pp-')).toBeUndefined();
  });

  it('is a document’s record by its store and id, and nothing for an id no record has', () => {
    expect(refusedRecord({ db: 'pp-directory', id: 'organisations:o-1' }, 'pp-')).toEqual({
      store: 'organisations',
      id: 'o-1',
    });
    for (const id of ['o-1', ':o-1', 'organisations:', 'nonsense:o-1'])
      expect(refusedRecord({ db: 'pp-directory', id }, 'pp-')).toBeUndefined();
  });
});

describe('the stores a refusal or a conflict can name', () => {
  it('are every store whose records travel (utils/db cannot import the sync’s list, so this keeps them one)', () => {
    expect(new Set(NAMED_STORES)).toEqual(new Set(TRAVELLING_STORES));
  });
});
