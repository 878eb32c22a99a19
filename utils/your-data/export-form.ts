import { computed, createModel, signal } from '@preact/signals';
import type { ExportFormat, ExportRequest } from './transfer';
import { readonly } from '../models/readonly';

/** The "what" choice meaning every partnership. */
export const EVERYTHING = '';

/** What the export form's fields hold. */
export interface ExportChoices {
  /** A partnership's id, or EVERYTHING. */
  what: string;
  format: ExportFormat;
  includeErrorLog: boolean;
  includeComments: boolean;
}

/** The formats offered, in the order shown. */
export const EXPORT_FORMATS: readonly ExportFormat[] = ['coordinator', 'bundle', 'meetings', 'attendance', 'responses'];

/** The format a select's value names, or null for a value the form never offered (a forged option). */
export function exportFormatOf(value: string): ExportFormat | null {
  return EXPORT_FORMATS.find((format) => format === value) ?? null;
}

/**
 * The export the choices ask for: a ticked box counts only for the format that shows it (the
 * error log goes in a backup, comments in a coordinator file), so a box ticked before the format
 * changed adds nothing to another format.
 */
export function exportRequest(choices: ExportChoices): ExportRequest {
  return {
    scope: choices.what === EVERYTHING ? 'all' : { partnershipId: choices.what },
    format: choices.format,
    includeErrorLog: choices.format === 'bundle' && choices.includeErrorLog,
    includeComments: choices.format === 'coordinator' && choices.includeComments,
  };
}

/** The export form's choices (a backup of everything to start with): `new ExportFormModel()`. */
export const ExportFormModel = createModel(() => {
  const choices = signal<ExportChoices>({
    what: EVERYTHING,
    format: 'bundle',
    includeErrorLog: false,
    includeComments: false,
  });
  return {
    choices: readonly(choices),
    request: computed(() => exportRequest(choices.value)),
    choose(change: Partial<Omit<ExportChoices, 'format'>>) {
      choices.value = { ...choices.value, ...change };
    },
    /** A format chosen by its select's value; a value the form never offered changes nothing. */
    chooseFormat(value: string) {
      const format = exportFormatOf(value);
      if (format) choices.value = { ...choices.value, format };
    },
  };
});

export type ExportFormModel = InstanceType<typeof ExportFormModel>;
