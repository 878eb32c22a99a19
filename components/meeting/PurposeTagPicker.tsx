import { useState } from 'preact/hooks';
import type { PurposeTag } from '../../utils/db/records';
import { t } from '../../utils/i18n/messages';
import { purposeLabel } from '../../utils/i18n/labels';
import { CheckboxGroup } from '../shared/fields';

/** The meeting's purposes: the defaults from the brief plus the lead's own tags. */
export function PurposeTagPicker(props: {
  tags: PurposeTag[];
  selected: string[];
  onChange: (ids: string[]) => void;
  onCreate: (label: string) => Promise<PurposeTag>;
}) {
  const { tags, selected, onChange, onCreate } = props;
  const [label, setLabel] = useState('');
  const add = async () => {
    if (!label.trim()) return;
    const tag = await onCreate(label.trim());
    setLabel('');
    onChange([...selected, tag.id]);
  };
  return (
    <CheckboxGroup
      name="purpose"
      legend={t('purposeLegend')}
      values={selected}
      options={tags.map((tag) => ({ value: tag.id, label: purposeLabel(tag) }))}
      onChange={onChange}
    >
      <div class="inline-form">
        <label for="new-purpose">{t('purposeNewLabel')}</label>
        <input id="new-purpose" value={label} onInput={(e) => setLabel(e.currentTarget.value)} />
        <button type="button" onClick={() => void add()}>
          {t('purposeAdd')}
        </button>
      </div>
    </CheckboxGroup>
  );
}
