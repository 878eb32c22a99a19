import { computed, createModel, effect, signal, type Model, type ReadonlySignal } from '@preact/signals';
import type { BundleRecords } from '../bundle/format';
import { ImportRejected, type Problem } from '../bundle/problems';
import { loadImportContext, type ImportContext } from './context';
import { guessMapping, type ColumnMapping } from './mapping';
import { readCsvFile, type CsvFileRead } from './read';
import { buildImport, type ImportBuild } from './records';
import type { PulseDatabase } from '../../db/schema';

/**
 * One CSV import being mapped: the file read once, the records it would make worked out again
 * on every change of the mapping (nothing is written), then handed to the same preview and
 * apply as a bundle's. `new CsvImportModel(services)`; once disposed (the flow closed or
 * another file chosen), a read or check still under way changes nothing.
 */

export type CsvImportState =
  | { step: 'reading' }
  /** The file cannot be read as a table: nothing more to do with it. */
  | { step: 'rejected'; problems: Problem[] }
  | { step: 'mapping' }
  | { step: 'checking' }
  /** The records were refused by the import's checks, or something failed. */
  | { step: 'failed'; problems: Problem[] };

export interface CsvImportShape<P> {
  state: ReadonlySignal<CsvImportState>;
  read: ReadonlySignal<CsvFileRead | null>;
  context: ReadonlySignal<ImportContext | null>;
  mapping: ReadonlySignal<ColumnMapping | null>;
  build: ReadonlySignal<ImportBuild | null>;
  start(): Promise<void>;
  setMapping(mapping: ColumnMapping): void;
  /** The preview from `previewRecords`, or null when refused (the state says why). */
  submit(): Promise<P | null>;
}

export interface CsvImportServices<P> {
  db: PulseDatabase;
  file: Pick<File, 'name' | 'size' | 'arrayBuffer'>;
  locale: string;
  previewRecords(records: Partial<BundleRecords>, fileName: string): Promise<P>;
}

function csvImportModel<P>(services: CsvImportServices<P>): CsvImportShape<P> {
  let disposed = false;
  // An effect whose clean-up runs when the model is disposed.
  effect(() => () => {
    disposed = true;
  });
  const state = signal<CsvImportState>({ step: 'reading' });
  const read = signal<CsvFileRead | null>(null);
  const context = signal<ImportContext | null>(null);
  const mapping = signal<ColumnMapping | null>(null);
  const build = computed(() => {
    const [r, c, m] = [read.value, context.value, mapping.value];
    return r && c && m ? buildImport(r.table, m, c, { name: r.fileName }) : null;
  });
  const fileName = services.file.name;
  const problemsOf = (error: unknown): Problem[] =>
    error instanceof ImportRejected
      ? error.problems
      : [{ file: fileName, message: error instanceof Error ? error.message : String(error) }];

  return {
    state,
    read,
    context,
    mapping,
    build,
    async start() {
      try {
        const [fileRead, loaded] = await Promise.all([readCsvFile(services.file), loadImportContext(services.db)]);
        if (disposed) return;
        const only = loaded.partnerships.length === 1 ? loaded.partnerships[0]!.name : '';
        read.value = fileRead;
        context.value = loaded;
        mapping.value = guessMapping(fileRead.table, { locale: services.locale, partnershipName: only });
        state.value = { step: 'mapping' };
      } catch (error) {
        if (!disposed) state.value = { step: 'rejected', problems: problemsOf(error) };
      }
    },
    setMapping(next) {
      mapping.value = next;
      if (state.value.step === 'failed') state.value = { step: 'mapping' };
    },
    async submit() {
      const current = build.value;
      if (!current || current.mappingErrors.length > 0 || current.rows.length === 0) return null;
      state.value = { step: 'checking' };
      try {
        const preview = await services.previewRecords(current.records, fileName);
        if (disposed) return null;
        state.value = { step: 'mapping' };
        return preview;
      } catch (error) {
        if (!disposed) state.value = { step: 'failed', problems: problemsOf(error) };
        return null;
      }
    },
  };
}

export type CsvImportModel<P> = Model<CsvImportShape<P>>;
// createModel loses the factory's type parameter; the cast gives it back.
export const CsvImportModel = createModel(csvImportModel) as unknown as new <P>(
  services: CsvImportServices<P>,
) => CsvImportModel<P>;
