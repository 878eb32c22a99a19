import { useState } from 'preact/hooks';
import type { CadenceTargets, Partnership } from '../../utils/db/records';
import { DEFAULT_CADENCE } from '../../utils/db/records';
import type { PulseDatabase } from '../../utils/db/schema';
import { savePartnership } from '../../utils/db/partnerships';
import { RecordTooLarge } from '../../utils/db/limits';
import { calendarDate } from '../../utils/time/calendar';
import { t, type MessageKey } from '../../utils/i18n/messages';
import { TextField } from '../shared/fields';

const CADENCE_FIELDS: Array<{ key: keyof CadenceTargets; label: MessageKey }> = [
  { key: 'coreMinDays', label: 'cadenceCoreMin' },
  { key: 'coreMaxDays', label: 'cadenceCoreMax' },
  { key: 'widerDays', label: 'cadenceWider' },
  { key: 'reviewDays', label: 'cadenceReview' },
];

/** Create a partnership, or rename it and set its cadence targets. */
export function PartnershipForm(props: {
  db: PulseDatabase;
  partnership: Partnership | null;
  onSaved: (partnership: Partnership) => void;
}) {
  const { db, partnership, onSaved } = props;
  const [name, setName] = useState(partnership?.name ?? '');
  const [startDate, setStartDate] = useState(partnership?.startDate ?? calendarDate(Date.now()));
  const [cadence, setCadence] = useState<Record<keyof CadenceTargets, string>>(() => {
    const c = partnership?.cadence ?? DEFAULT_CADENCE;
    return {
      coreMinDays: String(c.coreMinDays),
      coreMaxDays: String(c.coreMaxDays),
      widerDays: String(c.widerDays),
      reviewDays: String(c.reviewDays),
    };
  });
  const [errors, setErrors] = useState<Partial<Record<'name' | 'startDate' | keyof CadenceTargets, string>>>({});
  const [saved, setSaved] = useState(false);

  const save = async (event: Event) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (!name.trim()) found.name = t('errorRequired');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(startDate)) found.startDate = t('errorInvalidDay');
    const days = {} as CadenceTargets;
    for (const { key } of CADENCE_FIELDS) {
      const value = Number(cadence[key]);
      if (!Number.isInteger(value) || value < 1) found[key] = t('errorPositiveDays');
      days[key] = value;
    }
    if (!found.coreMinDays && !found.coreMaxDays && days.coreMinDays > days.coreMaxDays) {
      found.coreMaxDays = t('errorCadenceOrder');
    }
    setErrors(found);
    if (Object.keys(found).length) return;
    let result: Partnership;
    try {
      result = await savePartnership(db, { id: partnership?.id, name: name.trim(), startDate, cadence: days });
    } catch (error) {
      // Over a limit the importer enforces (a name over 500 characters): said at the field, the text kept, nothing saved.
      if (!(error instanceof RecordTooLarge)) throw error;
      setErrors({ name: error.message });
      return;
    }
    setSaved(true);
    onSaved(result);
  };

  return (
    <form onSubmit={(e) => void save(e)} noValidate>
      <h3>{partnership ? t('partnershipEditHeading') : t('partnershipNewHeading')}</h3>
      {saved && (
        <p class="status" role="status">
          {t('partnershipSaved')}
        </p>
      )}
      <TextField
        id="partnership-name"
        label={t('partnershipName')}
        value={name}
        error={errors.name}
        onInput={setName}
      />
      <TextField
        id="partnership-start"
        type="date"
        label={t('partnershipStart')}
        value={startDate}
        error={errors.startDate}
        onInput={setStartDate}
      />
      <fieldset class="choices">
        <legend>{t('cadenceLegend')}</legend>
        <div class="row">
          {CADENCE_FIELDS.map(({ key, label }) => (
            <TextField
              key={key}
              id={`cadence-${key}`}
              type="number"
              min={1}
              label={t(label)}
              value={cadence[key]}
              error={errors[key]}
              onInput={(value) => setCadence({ ...cadence, [key]: value })}
            />
          ))}
        </div>
      </fieldset>
      <button type="submit" class="primary">
        {partnership ? t('partnershipSave') : t('partnershipCreate')}
      </button>
    </form>
  );
}
