import { describe, expect, it } from 'vitest';
import { EVERYTHING, ExportFormModel, exportFormatOf, exportRequest } from '../../../utils/your-data/export-form';

describe('the export form’s rules', () => {
  it('asks for everything, or for one partnership', () => {
    const base = { format: 'meetings', includeErrorLog: false, includeComments: false } as const;
    expect(exportRequest({ ...base, what: EVERYTHING }).scope).toBe('all');
    expect(exportRequest({ ...base, what: 'p1' }).scope).toEqual({ partnershipId: 'p1' });
  });

  it('counts a ticked box only for the format that shows it', () => {
    const ticked = { what: EVERYTHING, includeErrorLog: true, includeComments: true };
    expect(exportRequest({ ...ticked, format: 'bundle' })).toMatchObject({
      includeErrorLog: true,
      includeComments: false,
    });
    expect(exportRequest({ ...ticked, format: 'coordinator' })).toMatchObject({
      includeErrorLog: false,
      includeComments: true,
    });
    expect(exportRequest({ ...ticked, format: 'responses' })).toMatchObject({
      includeErrorLog: false,
      includeComments: false,
    });
  });

  it('knows only the formats it offers: a forged option is none', () => {
    expect(exportFormatOf('attendance')).toBe('attendance');
    expect(exportFormatOf('__proto__')).toBeNull();
    expect(exportFormatOf('')).toBeNull();
  });
});

describe('the export form’s model', () => {
  it('starts with a backup of everything, and asks for what was chosen', () => {
    const model = new ExportFormModel();
    expect(model.request.value).toEqual({
      scope: 'all',
      format: 'bundle',
      includeErrorLog: false,
      includeComments: false,
    });
    model.choose({ what: 'p1', includeErrorLog: true });
    expect(model.request.value).toEqual({
      scope: { partnershipId: 'p1' },
      format: 'bundle',
      includeErrorLog: true,
      includeComments: false,
    });
    model.chooseFormat('coordinator');
    expect(model.request.value.format).toBe('coordinator');
    expect(model.request.value.includeErrorLog).toBe(false);
    // The box stays ticked: back on a backup, it counts again.
    model.chooseFormat('bundle');
    expect(model.request.value.includeErrorLog).toBe(true);
    model[Symbol.dispose]();
  });

  it('changes nothing for a format the form never offered', () => {
    const model = new ExportFormModel();
    model.chooseFormat('everything-and-the-keys');
    expect(model.choices.value.format).toBe('bundle');
    model[Symbol.dispose]();
  });
});
