import { useEffect, useState } from 'preact/hooks';
import type { Partnership } from '../../utils/db/records';
import { PLATFORMS, type PlatformId } from '../../utils/platforms/snapshot';
import {
  anonymityThreshold,
  autoAddChatCodes,
  clampThreshold,
  defaultPartnershipId,
  enabledPlatforms,
  MIN_ANONYMITY_THRESHOLD,
  widgetBaseUrl,
  widgetHost,
} from '../../utils/settings/settings';
import { formatNumber } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/messages';
import { CheckboxGroup, SelectField, TextField } from '../shared/fields';
import { siteLabel } from '../../utils/i18n/labels';

/** The settings: anonymity threshold, which sites to read, the default partnership. */
export function SettingsForm(props: { partnerships: Partnership[] }) {
  const [threshold, setThreshold] = useState('');
  const [platforms, setPlatforms] = useState<PlatformId[]>([]);
  const [partnershipId, setPartnershipId] = useState('');
  const [host, setHost] = useState('');
  const [autoAdd, setAutoAdd] = useState(false);

  useEffect(() => {
    void Promise.all([
      anonymityThreshold.getValue(),
      enabledPlatforms.getValue(),
      defaultPartnershipId.getValue(),
    ]).then(([n, p, id]) => {
      setThreshold(String(n));
      setPlatforms(p);
      setPartnershipId(id ?? '');
    });
    void Promise.all([widgetHost.getValue(), autoAddChatCodes.getValue()]).then(([h, a]) => {
      setHost(h);
      setAutoAdd(a);
    });
  }, []);

  const thresholdValue = Number(threshold);
  const thresholdError =
    threshold !== '' && (!Number.isInteger(thresholdValue) || thresholdValue < MIN_ANONYMITY_THRESHOLD)
      ? t('errorThreshold', formatNumber(MIN_ANONYMITY_THRESHOLD))
      : undefined;

  return (
    <section aria-labelledby="settings-heading">
      <h2 id="settings-heading">{t('settingsHeading')}</h2>
      <TextField
        id="settings-threshold"
        type="number"
        min={MIN_ANONYMITY_THRESHOLD}
        label={t('settingsThreshold')}
        hint={t('settingsThresholdHint')}
        value={threshold}
        error={thresholdError}
        onInput={(value) => {
          setThreshold(value);
          const n = Number(value);
          if (Number.isInteger(n) && n >= MIN_ANONYMITY_THRESHOLD) void anonymityThreshold.setValue(clampThreshold(n));
        }}
      />
      <CheckboxGroup
        name="platforms"
        legend={t('settingsPlatforms')}
        values={platforms}
        options={PLATFORMS.map((p) => ({ value: p, label: siteLabel(p) }))}
        onChange={(values) => {
          const next = values as PlatformId[];
          setPlatforms(next);
          void enabledPlatforms.setValue(next);
        }}
      />
      <TextField
        id="settings-widget-host"
        type="url"
        label={t('settingsWidgetHost')}
        hint={t('settingsWidgetHostHint')}
        value={host}
        error={host.trim() && !widgetBaseUrl(host) ? t('errorWidgetHost') : undefined}
        onInput={(value) => {
          setHost(value);
          if (!value.trim() || widgetBaseUrl(value)) void widgetHost.setValue(value.trim());
        }}
      />
      <CheckboxGroup
        name="chat-codes"
        legend={t('settingsChatCodes')}
        values={autoAdd ? ['auto'] : []}
        options={[{ value: 'auto', label: t('settingsAutoAddChatCodes') }]}
        onChange={(values) => {
          setAutoAdd(values.includes('auto'));
          void autoAddChatCodes.setValue(values.includes('auto'));
        }}
      />
      <SelectField
        id="settings-default-partnership"
        label={t('settingsDefaultPartnership')}
        value={partnershipId}
        options={[
          { value: '', label: t('settingsNoDefault') },
          ...props.partnerships.map((p) => ({ value: p.id, label: p.name })),
        ]}
        onChange={(id) => {
          setPartnershipId(id);
          void defaultPartnershipId.setValue(id || null);
        }}
      />
    </section>
  );
}
