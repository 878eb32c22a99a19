import { useEffect, useRef, useState } from 'preact/hooks';
import type { Organisation } from '../../utils/db/records';
import { t } from '../../utils/i18n/messages';

/** Type to find any organisation, or a new name to create one. */
export function OrganisationPicker(props: {
  forName: string;
  organisations: Organisation[];
  onPick: (name: string) => void;
  onCancel: () => void;
}) {
  const { forName, organisations, onPick, onCancel } = props;
  const [name, setName] = useState('');
  // Shown in answer to a choice in a select: the box takes the focus (autofocus only works on page load).
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  return (
    <div class="inline-form">
      <label for="organisation-picker">{forName ? t('organisationPickerFor', forName) : t('organisationPicker')}</label>
      <input
        id="organisation-picker"
        list="organisation-picker-list"
        ref={input}
        value={name}
        onInput={(e) => setName(e.currentTarget.value)}
      />
      <datalist id="organisation-picker-list">
        {organisations.map((o) => (
          <option key={o.id} value={o.name} />
        ))}
      </datalist>
      <button type="button" disabled={!name.trim()} onClick={() => onPick(name.trim())}>
        {t('organisationAssign')}
      </button>
      <button type="button" class="link" onClick={onCancel}>
        {t('cancel')}
      </button>
    </div>
  );
}
