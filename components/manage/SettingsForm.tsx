import { useModel } from '@preact/signals';
import type { Partnership } from '../../utils/db/records';
import { PLATFORMS, type PlatformId } from '../../utils/platforms/snapshot';
import { MIN_ANONYMITY_THRESHOLD } from '../../utils/settings/settings';
import { SettingsModel } from '../../utils/settings/model';
import { formatNumber } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/messages';
import { CheckboxGroup, SelectField, TextField } from '../shared/fields';
import { siteLabel } from '../../utils/i18n/labels';
import { LIMITS } from '../../utils/db/limits';

/** The settings: anonymity threshold, which sites to read, the default partnership. */
export function SettingsForm(props: { partnerships: Partnership[] }) {
  const model = useModel(SettingsModel);

  return (
    <section aria-labelledby="settings-heading">
      <h2 id="settings-heading">{t('settingsHeading')}</h2>
      {model.failed.value && (
        <p class="error" role="alert">
          {t('settingsReadFailed')}
        </p>
      )}
      <TextField
        id="settings-threshold"
        type="number"
        min={MIN_ANONYMITY_THRESHOLD}
        label={t('settingsThreshold')}
        hint={t('settingsThresholdHint')}
        value={model.thresholdText.value}
        error={
          model.thresholdInvalid.value
            ? t('errorThreshold', formatNumber(MIN_ANONYMITY_THRESHOLD), formatNumber(LIMITS.threshold))
            : undefined
        }
        onInput={(text) => void model.setThresholdText(text)}
      />
      <CheckboxGroup
        name="platforms"
        legend={t('settingsPlatforms')}
        values={model.platforms.value}
        options={PLATFORMS.map((p) => ({ value: p, label: siteLabel(p) }))}
        onChange={(values) => model.setPlatforms(PLATFORMS.filter((p: PlatformId) => values.includes(p)))}
      />
      <TextField
        id="settings-widget-host"
        type="url"
        label={t('settingsWidgetHost')}
        hint={t('settingsWidgetHostHint')}
        value={model.hostText.value}
        error={model.hostInvalid.value ? t('errorWidgetHost') : undefined}
        onInput={(text) => void model.setHostText(text)}
      />
      <CheckboxGroup
        name="chat-codes"
        legend={t('settingsChatCodes')}
        values={model.autoAdd.value ? ['auto'] : []}
        options={[{ value: 'auto', label: t('settingsAutoAddChatCodes') }]}
        onChange={(values) => model.setAutoAdd(values.includes('auto'))}
      />
      <SelectField
        id="settings-default-partnership"
        label={t('settingsDefaultPartnership')}
        value={model.partnershipId.value}
        options={[
          { value: '', label: t('settingsNoDefault') },
          ...props.partnerships.map((p) => ({ value: p.id, label: p.name })),
        ]}
        onChange={model.setPartnershipId}
      />
    </section>
  );
}
