import { useModel } from '@preact/signals';
import { NAMED_STORES, readNamedRecords } from '../../utils/db/record-names';
import type { PulseDatabase } from '../../utils/db/schema';
import { sampleDataWouldTravel } from '../../utils/demo/workspace';
import { formatDateTime, formatNumber } from '../../utils/i18n/format';
import { t, type MessageKey } from '../../utils/i18n/messages';
import { plural } from '../../utils/i18n/plural';
import type { SyncStatus } from '../../utils/sync/background';
import { refusedRecord } from '../../utils/sync/refused-record';
import { syncNow, type ConnectProblem, type Offered } from '../../utils/sync/connect';
import type { ListedRefusal } from '../../utils/sync/published-status';
import { WorkspaceModel } from '../../utils/sync/workspace-model';
import { CheckboxGroup, TextField } from '../shared/fields';
import { useLiveQuery } from '../shared/hooks/useLiveQuery';
import { REASON_MAX, recordName, shortName } from './record-name';

const PROBLEMS: Record<ConnectProblem, MessageKey> = {
  badAddress: 'workspaceProblem_badAddress',
  badPrefix: 'workspaceProblem_badPrefix',
  permissionDenied: 'workspaceProblem_permissionDenied',
  sampleData: 'workspaceProblem_sampleData',
  offline: 'workspaceProblem_offline',
  'signed-out': 'workspaceProblem_signedOut',
  forbidden: 'workspaceProblem_forbidden',
  missing: 'workspaceProblem_missing',
  malformed: 'workspaceProblem_malformed',
  server: 'workspaceProblem_server',
};

const STATES: Record<Exclude<SyncStatus['state'], 'off'>, MessageKey> = {
  syncing: 'workspaceState_syncing',
  synced: 'workspaceState_synced',
  ok: 'workspaceState_synced',
  waiting: 'workspaceState_waiting',
  offline: 'workspaceState_offline',
  'signed-out': 'workspaceState_signedOut',
  forbidden: 'workspaceState_forbidden',
  missing: 'workspaceState_forbidden',
  malformed: 'workspaceState_malformed',
  server: 'workspaceState_malformed',
};

/** Connect to a shared workspace, choose what to share, see how syncing goes, leave. */
export function WorkspaceConnect(props: { db: PulseDatabase }) {
  const model = useModel(
    () => new WorkspaceModel({ sampleWouldTravel: (offeredIds) => sampleDataWouldTravel(props.db, offeredIds) }),
  );

  const connect = (event: Event) => {
    event.preventDefault();
    void model.connect();
    // A field typed wrong is said there and gets the focus, to type it again.
    const wrong = model.fieldProblem.value;
    if (wrong) setTimeout(() => document.getElementById(`workspace-${wrong.field}`)?.focus());
  };
  const fieldError = (field: 'server' | 'prefix') =>
    model.fieldProblem.value?.field === field ? t(PROBLEMS[model.fieldProblem.value.problem]) : undefined;
  const problem = model.problem.value;
  const offered = model.offered.value;
  const shared = model.shared.value;

  const current = model.connection.value;
  const state = model.status.value;
  return (
    <section aria-labelledby="workspace-heading">
      <h2 id="workspace-heading">{t('workspaceHeading')}</h2>
      <p>{t('workspaceExplanation')}</p>
      <form onSubmit={connect}>
        <TextField
          id="workspace-server"
          label={t('workspaceServer')}
          type="url"
          value={model.server.value}
          error={fieldError('server')}
          onInput={(value) => model.setServer(value)}
        />
        <TextField
          id="workspace-prefix"
          label={t('workspacePrefix')}
          value={model.prefix.value}
          hint={t('workspacePrefixHint')}
          error={fieldError('prefix')}
          onInput={(value) => model.setPrefix(value)}
        />
        <TextField
          id="workspace-user"
          label={t('workspaceUser')}
          value={model.user.value}
          onInput={(value) => model.setUser(value)}
        />
        <div class="field">
          <label for="workspace-password">{t('workspacePassword')}</label>
          <input
            id="workspace-password"
            name="workspace-password"
            type="password"
            autoComplete="current-password"
            value={model.password.value}
            aria-describedby="workspace-password-hint"
            onInput={(event) => model.setPassword(event.currentTarget.value)}
          />
          <p id="workspace-password-hint" class="hint">
            {t('workspacePasswordHint')}
          </p>
        </div>
        <div class="actions">
          <button type="submit" aria-disabled={model.busy.value}>
            {current ? t('workspaceSignInAgain') : t('workspaceConnect')}
          </button>
        </div>
      </form>
      {problem && (
        <p class="error" role="alert">
          {t(PROBLEMS[problem.problem], problem.detail)}
        </p>
      )}
      {current && (
        <>
          <p role="status">{t('workspaceConnectedAs', current.server, current.user)}</p>
          {offered && offered.length === 0 && <p>{t('workspaceNoneOffered')}</p>}
          {offered && offered.length > 0 && (
            <CheckboxGroup
              name="workspace-share"
              legend={t('workspaceShareLegend')}
              values={[...shared]}
              options={offered.map((p) => ({ value: p.id, label: p.name }))}
              onChange={(values) => model.setShared(values)}
            />
          )}
          {offered && offered.length > 0 && <AttendanceModes offered={offered} />}
          {offered && shared.length > 0 && (
            <CheckboxGroup
              name="workspace-comments"
              legend={t('workspaceCommentsLegend')}
              values={[...model.comments.value]}
              options={offered.filter((p) => shared.includes(p.id)).map((p) => ({ value: p.id, label: p.name }))}
              onChange={(values) => model.setComments(values)}
            />
          )}
          {state && state.state !== 'off' && (
            <SyncStatusLine
              db={props.db}
              status={state}
              refused={model.refused.value}
              prefix={model.connection.value?.prefix}
            />
          )}
          <div class="actions">
            {offered && offered.length > 0 && (
              <button type="button" onClick={() => void model.saveShared()}>
                {t('workspaceShareSave')}
              </button>
            )}
            <button type="button" onClick={() => void syncNow()}>
              {t('workspaceSyncNow')}
            </button>
            <button type="button" onClick={() => void model.leave()}>
              {t('workspaceLeave')}
            </button>
          </div>
        </>
      )}
      {model.note.value && (
        <p class="status" role="status">
          {t(model.note.value)}
        </p>
      )}
    </section>
  );
}

/** Which of the two ways each partnership shares attendance: set by the workspace's admin, shown here. */
function AttendanceModes(props: { offered: Offered[] }) {
  return (
    <div class="workspace-attendance">
      <p id="workspace-attendance-heading">{t('workspaceAttendanceHeading')}</p>
      <ul aria-labelledby="workspace-attendance-heading">
        {props.offered.map((p) => (
          <li key={p.id} data-partnership={p.id}>
            {t(
              'workspaceAttendanceOf',
              p.name,
              t(p.attendance === 'organisations' ? 'workspaceAttendanceOrganisations' : 'workspaceAttendancePeople'),
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

function SyncStatusLine(props: {
  db: PulseDatabase;
  status: SyncStatus;
  refused: readonly ListedRefusal[];
  prefix: string | undefined;
}) {
  const { status, refused } = props;
  const refusedRef = (r: ListedRefusal) => refusedRecord(r, props.prefix);
  // Read here, on the page: the background's sync stays within its size budget (docs/workspace.md).
  const refs = [...status.resolved, ...refused.map(refusedRef)].filter((r) => r !== undefined);
  const named = useLiveQuery(
    () => readNamedRecords(props.db, refs),
    NAMED_STORES,
    refs.map((r) => `${r.store}:${r.id}`).join('\n'),
  );
  const key = STATES[status.state as Exclude<SyncStatus['state'], 'off'>];
  return (
    <div aria-live="polite">
      <p>
        {key && t(key, status.lastSyncedAt ? formatDateTime(status.lastSyncedAt) : '—', status.detail ?? '')}{' '}
        {status.waiting > 0 && plural('workspaceWaiting', status.waiting, formatNumber(status.waiting))}
      </p>
      <p class="hint">{t('workspacePublishWhen')}</p>
      {named && status.resolved.length > 0 && (
        <ul>
          {status.resolved.map((r) => (
            <li key={`${r.db} ${r.id} ${r.at}`}>
              {t(
                r.kept === 'here' ? 'workspaceResolvedHere' : 'workspaceResolvedServer',
                recordName(named, r),
                formatDateTime(r.at),
              )}
            </li>
          ))}
        </ul>
      )}
      {named && refused.length > 0 && (
        <ul>
          {refused.map((r) => {
            const ref = refusedRef(r);
            return (
              <li key={`${r.db} ${r.id ?? ''} ${r.at}`}>
                {t(
                  r.direction === 'push' ? 'workspaceRefusedPush' : 'workspaceRefusedPull',
                  ref ? recordName(named, ref) : shortName(r.id ?? r.db),
                  shortName(r.reason, REASON_MAX),
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
