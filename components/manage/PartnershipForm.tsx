import type { CadenceTargets, Partnership } from '../../utils/db/records';
import type { PulseDatabase } from '../../utils/db/schema';
import { CADENCE_KEYS } from '../../utils/manage/partnership-form';
import { PartnershipFormModel, type PartnershipFieldError } from '../../utils/manage/partnership-model';
import { t, type MessageKey } from '../../utils/i18n/messages';
import { TextField } from '../shared/fields';
import { useModelFor } from '../shared/hooks/useModelFor';

const CADENCE_LABELS: Record<keyof CadenceTargets, MessageKey> = {
  coreMinDays: 'cadenceCoreMin',
  coreMaxDays: 'cadenceCoreMax',
  widerDays: 'cadenceWider',
  reviewDays: 'cadenceReview',
};

const ERROR_MESSAGES = {
  required: 'errorRequired',
  invalidDay: 'errorInvalidDay',
  positiveDays: 'errorPositiveDays',
  cadenceOrder: 'errorCadenceOrder',
} as const satisfies Record<Exclude<PartnershipFieldError, object>, MessageKey>;

function errorText(error: PartnershipFieldError | undefined): string | undefined {
  if (error === undefined) return undefined;
  return typeof error === 'object' ? error.tooLarge : t(ERROR_MESSAGES[error]);
}

/** Create a partnership, or rename it and set its cadence targets (rules: utils/manage/partnership-form.ts). */
export function PartnershipForm(props: {
  db: PulseDatabase;
  partnership: Partnership | null;
  onSaved: (partnership: Partnership) => void;
}) {
  const { db, partnership, onSaved } = props;
  const model = useModelFor(() => new PartnershipFormModel(db, partnership), partnership?.id ?? 'new');
  const { name, startDate, cadence } = model.values.value;
  const errors = model.errors.value;

  const save = async (event: Event) => {
    event.preventDefault();
    const result = await model.save();
    if (result) onSaved(result);
  };

  return (
    <form onSubmit={(e) => void save(e)} noValidate>
      <h3>{partnership ? t('partnershipEditHeading') : t('partnershipNewHeading')}</h3>
      {model.saved.value && (
        <p class="status" role="status">
          {t('partnershipSaved')}
        </p>
      )}
      <TextField
        id="partnership-name"
        label={t('partnershipName')}
        value={name}
        error={errorText(errors.name)}
        onInput={model.setName}
      />
      <TextField
        id="partnership-start"
        type="date"
        label={t('partnershipStart')}
        value={startDate}
        error={errorText(errors.startDate)}
        onInput={model.setStartDate}
      />
      <fieldset class="choices">
        <legend>{t('cadenceLegend')}</legend>
        <div class="row">
          {CADENCE_KEYS.map((key) => (
            <TextField
              key={key}
              id={`cadence-${key}`}
              type="number"
              min={1}
              label={t(CADENCE_LABELS[key])}
              value={cadence[key]}
              error={errorText(errors[key])}
              onInput={(value) => model.setCadence(key, value)}
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
