// @vitest-environment node
// The bench starts a stand-in for its throughput figure and another for its live-edit figure, in
// one process: the second start once failed ("Cannot redefine property: replicate").
import { describe, expect, it } from 'vitest';
import { startCouch } from '../../harness/couch';

describe('the CouchDB stand-in', () => {
  it('starts twice in one process, each answering on its own address', async () => {
    const first = await startCouch();
    const second = await startCouch();
    try {
      expect(second.url).not.toBe(first.url);
      for (const couch of [first, second]) {
        const answer = await couch.admin_fetch('/');
        expect(answer.status).toBe(200);
      }
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
  }, 30_000); // as every other start of the stand-in: loading express-pouchdb took 5.2 s under load
});
