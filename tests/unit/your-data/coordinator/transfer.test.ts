import { describe, expect, it, vi } from 'vitest';
import { ImportRejected } from '../../../../utils/your-data/bundle/problems';
import { isCoordinatorSummary } from '../../../../utils/your-data/coordinator/client';
import { DataTransferModel, type DataTransferServices } from '../../../../utils/your-data/transfer';

function model(overrides: Partial<DataTransferServices>) {
  const services: DataTransferServices = {
    previewBundleFile: vi.fn(() => Promise.reject(new Error('a personal backup'))),
    exportBundleFile: vi.fn(() => Promise.reject(new Error('not used'))),
    exportCoordinatorFile: vi.fn(() => Promise.reject(new Error('not used'))),
    exportCsv: () => Promise.reject(new Error('not used')),
    readErrorLog: () => Promise.resolve([]),
    save: vi.fn(),
    lastBackup: { getValue: () => Promise.resolve(null), setValue: vi.fn(() => Promise.resolve()) },
    now: () => Date.UTC(2026, 10, 25, 12),
    ...overrides,
  };
  return { services, model: new DataTransferModel(services) };
}

const file = (text: string, name = 'summary.json') => new File([text], name, { type: 'application/json' });

describe('the coordinator summary in "Your data"', () => {
  it('exports through its own service, with the comments choice, and is not a backup', async () => {
    const blob = new Blob(['{}']);
    const exportCoordinatorFile = vi.fn(() => Promise.resolve({ blob, fileName: 'partnership-pulse-summary.json' }));
    const { services, model: m } = model({ exportCoordinatorFile });
    await m.runExport({ scope: 'all', format: 'coordinator', includeErrorLog: false, includeComments: true });
    expect(exportCoordinatorFile).toHaveBeenCalledWith('all', { includeComments: true });
    expect(services.exportBundleFile).not.toHaveBeenCalled();
    expect(services.save).toHaveBeenCalledWith(blob, 'partnership-pulse-summary.json');
    expect(services.lastBackup.setValue).not.toHaveBeenCalled();
    expect(m.exportState.value).toEqual({ step: 'saved', fileName: 'partnership-pulse-summary.json' });
  });

  it('tells a coordinator summary from a personal backup by its first bytes', async () => {
    expect(
      await isCoordinatorSummary(file('{\n "format": "partnership-pulse",\n "kind": "coordinator-summary"}')),
    ).toBe(true);
    expect(await isCoordinatorSummary(file('{"format":"partnership-pulse","version":1,"kind":"x"}'))).toBe(false);
  });

  it('imports a coordinator summary without a preview, and shows a refusal with its problems', async () => {
    const outcome = { results: 2, added: 2, updated: 0, kept: 0 };
    const importCoordinatorFile = vi.fn(() => Promise.resolve(outcome));
    const { services, model: m } = model({ isCoordinatorFile: isCoordinatorSummary, importCoordinatorFile });
    await m.chooseFile(file('{"format":"partnership-pulse","kind":"coordinator-summary"}'));
    expect(m.importState.value).toEqual({ step: 'published', fileName: 'summary.json', outcome });
    expect(services.previewBundleFile).not.toHaveBeenCalled();

    const problem = { file: 'bad.json', field: 'kind', message: 'forged' };
    importCoordinatorFile.mockImplementationOnce(() => Promise.reject(new ImportRejected([problem])));
    await m.chooseFile(file('{"format":"partnership-pulse","kind":"coordinator-summary"}', 'bad.json'));
    expect(m.importState.value).toEqual({ step: 'rejected', fileName: 'bad.json', problems: [problem] });

    // A personal backup still goes to its preview.
    await m.chooseFile(file('{"format":"partnership-pulse","version":1}', 'backup.json'));
    expect(services.previewBundleFile).toHaveBeenCalledTimes(1);
  });
});
