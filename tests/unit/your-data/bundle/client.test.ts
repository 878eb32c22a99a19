import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from '#imports';
import type { WorkerReply, WorkerRequest } from '../../../../utils/your-data/bundle/worker-protocol';

/** Stands in for the bundle worker: each test says how it answers a request. */
class FakeWorker extends EventTarget {
  static answer: (worker: FakeWorker, request: WorkerRequest) => void = () => undefined;
  postMessage(request: WorkerRequest) {
    queueMicrotask(() => FakeWorker.answer(this, request));
  }
  reply(data: WorkerReply) {
    this.dispatchEvent(new MessageEvent('message', { data }));
  }
  terminate() {}
}

vi.mock('../../../../utils/your-data/bundle/bundle.worker.ts?worker', () => ({ default: FakeWorker }));

const { exportBundleFile, previewRecords } = await import('../../../../utils/your-data/bundle/client');

const plan = { fileName: 'x.json' } as unknown as Extract<WorkerReply, { type: 'planned' }>['plan'];

// Another language, so text written in the code cannot pass for the message.
const inFrench = (key: string) => `[fr] ${key}`;
beforeEach(() => {
  fakeBrowser.i18n.getMessage = inFrench as typeof fakeBrowser.i18n.getMessage;
});

afterEach(() => {
  FakeWorker.answer = () => undefined;
  vi.useRealTimers();
});

describe('what the bundle client says when the worker fails, in the messages of the page', () => {
  it('words a worker that cannot start from the messages file, not in English from the code', async () => {
    FakeWorker.answer = (worker) => worker.dispatchEvent(new Event('error'));
    await expect(exportBundleFile('all')).rejects.toThrow(inFrench('dataWorkerFailedToStart'));
  });

  it('words an unexpected reply from the messages file', async () => {
    FakeWorker.answer = (worker) => worker.reply({ type: 'applied', result: {} as never });
    await expect(exportBundleFile('all')).rejects.toThrow(inFrench('dataWorkerUnexpectedReply'));
  });

  it('words a second apply of the same preview from the messages file', async () => {
    vi.useFakeTimers();
    FakeWorker.answer = (worker, request) =>
      worker.reply(request.type === 'apply' ? { type: 'applied', result: {} as never } : { type: 'planned', plan });
    const preview = await previewRecords({}, 'x.csv');
    await preview.apply({ mergeOrganisations: {} });
    await expect(preview.apply({ mergeOrganisations: {} })).rejects.toThrow(inFrench('dataImportSettled'));
  });
});
