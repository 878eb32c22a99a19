import { useSignal } from '@preact/signals';
import type { PulseDatabase } from '../../utils/db/schema';
import type { RecordsModel } from '../../utils/models/records';
import { t } from '../../utils/i18n/messages';
import { SelectField } from '../shared/fields';
import { useDocumentTitle } from '../shared/hooks/useDocumentTitle';
import { PartnershipForm } from './PartnershipForm';
import { MemberTable } from './MemberTable';
import { SettingsForm } from './SettingsForm';
import { SampleData } from './SampleData';
import { WorkspaceConnect } from './WorkspaceConnect';

/** The management view: partnerships, their member organisations and cadence targets, and settings. */
export function ManagePage(props: { db: PulseDatabase; records: RecordsModel }) {
  const { db, records } = props;
  const partnerships = records.partnerships.value;
  // null: the first partnership (including one that appears later); '': a new one.
  const selectedId = useSignal<string | null>(null);
  const selected = partnerships.find((p) => p.id === (selectedId.value ?? partnerships[0]?.id)) ?? null;
  useDocumentTitle(t('pageTitleManage'));

  return (
    <main class="page">
      <h1>{t('manageHeading')}</h1>
      <section aria-labelledby="partnerships-heading">
        <h2 id="partnerships-heading">{t('partnershipsHeading')}</h2>
        {partnerships.length === 0 && <p>{t('partnershipsEmpty')}</p>}
        {partnerships.length > 0 && (
          <SelectField
            id="manage-partnership"
            label={t('managePartnershipSelect')}
            value={selected?.id ?? ''}
            options={[
              ...partnerships.map((p) => ({ value: p.id, label: p.name })),
              { value: '', label: t('partnershipNewOption') },
            ]}
            onChange={(id) => (selectedId.value = id)}
          />
        )}
        <PartnershipForm
          key={selected?.id ?? 'new'}
          db={db}
          partnership={selected}
          onSaved={(p) => (selectedId.value = p.id)}
        />
      </section>
      {selected && <MemberTable key={selected.id} db={db} records={records} partnership={selected} />}
      <SettingsForm partnerships={partnerships} />
      <WorkspaceConnect db={db} />
      <SampleData db={db} />
    </main>
  );
}
