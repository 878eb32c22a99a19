import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { PulseDatabase } from '../../utils/db/schema';
import { sampleDataWouldTravel } from '../../utils/demo/workspace';
import { formatDateTime, formatNumber } from '../../utils/i18n/format';
import { t, type MessageKey } from '../../utils/i18n/messages';
import {
  leaveWorkspace,
  syncStatus,
  workspaceConnection,
  type SyncStatus,
  type WorkspaceConnection,
} from '../../utils/sync/background';
import {
  ConnectError,
  normaliseServer,
  releaseServer,
  requestServerPermission,
  saveConnection,
  signInAndList,
  signOutOf,
  syncNow,
  type ConnectProblem,
  type Offered,
} from '../../utils/sync/connect';
import { DEFAULT_PREFIX, isValidPrefix } from '../../utils/sync/layout';
import { publishedRefused, refusedList, type ListedRefusal } from '../../utils/sync/published-status';
import { shareCommentsWith } from '../../utils/settings/settings';
import { CheckboxGroup, TextField } from '../shared/fields';
import { plural } from '../../utils/i18n/plural';

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
  const connection = useSignal<WorkspaceConnection | null>(null);
  const status = useSignal<SyncStatus | null>(null);
  /** Published results the dashboard's pull refused: listed with the sync's refusals. */
  const refusedResults = useSignal<ListedRefusal[]>([]);
  const server = useSignal('');
  const prefix = useSignal(DEFAULT_PREFIX);
  const user = useSignal('');
  const password = useSignal('');
  const offered = useSignal<Offered[] | null>(null);
  const shared = useSignal<string[]>([]);
  /** Partnerships whose published results carry comments: none unless the lead ticks them. */
  const comments = useSignal<string[]>([]);
  const problem = useSignal<string | null>(null);
  /** A field typed wrong, said at that field (checked before the browser's permission prompt). */
  const fieldProblem = useSignal<{ field: 'server' | 'prefix'; message: string } | null>(null);
  const note = useSignal<MessageKey | null>(null);
  const busy = useSignal(false);

  useEffect(() => {
    void workspaceConnection.getValue().then((value) => {
      connection.value = value;
      if (!value) return;
      shared.value = value.partnershipIds;
      // Signing in again uses the prefix and name shown: the connection's until changed.
      if (prefix.value === DEFAULT_PREFIX) prefix.value = value.prefix;
      user.value ||= value.user;
    });
    void syncStatus.getValue().then((value) => (status.value = value));
    void publishedRefused.getValue().then((value) => (refusedResults.value = value));
    void shareCommentsWith.getValue().then((value) => (comments.value = value));
    const unwatch = [
      workspaceConnection.watch((value) => (connection.value = value)),
      syncStatus.watch((value) => (status.value = value)),
      publishedRefused.watch((value) => (refusedResults.value = value)),
    ];
    return () => unwatch.forEach((stop) => stop());
    // The signals are stable; this subscribes once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  /** The address shown, and so the one signed in to: the connection's until another is typed. */
  const shownServer = () => server.value || connection.value?.server || '';

  /** Says what is wrong at the field and puts the focus there, to type it again. */
  const sayAtField = (field: 'server' | 'prefix', wrong: ConnectProblem) => {
    problem.value = null;
    fieldProblem.value = { field, message: t(PROBLEMS[wrong]) };
    setTimeout(() => document.getElementById(`workspace-${field}`)?.focus());
  };

  const connect = (event: Event) => {
    event.preventDefault();
    if (busy.value) return;
    note.value = null;
    const address = normaliseServer(shownServer());
    if (!address) return sayAtField('server', 'badAddress');
    if (!isValidPrefix(prefix.value.trim())) return sayAtField('prefix', 'badPrefix');
    fieldProblem.value = null;
    // Asked straight from the click: the browser shows its prompt only then.
    const permission = requestServerPermission(address);
    busy.value = true;
    void (async () => {
      try {
        if (!(await permission)) throw new ConnectError('permissionDenied', address);
        const result = await signInAndList(address, prefix.value.trim(), user.value.trim(), password.value);
        const offeredIds = result.offered.map((p) => p.id);
        if (await sampleDataWouldTravel(props.db, offeredIds)) {
          await signOutOf(address);
          throw new ConnectError('sampleData');
        }
        password.value = '';
        offered.value = result.offered;
        shared.value = shared.value.filter((id) => offeredIds.includes(id));
        await saveConnection({
          server: address,
          prefix: prefix.value.trim(),
          user: result.user,
          partnershipIds: shared.value,
        });
        problem.value = null;
      } catch (error) {
        if (!(error instanceof ConnectError)) throw error;
        problem.value = t(PROBLEMS[error.problem], error.problem === 'permissionDenied' ? address : error.detail);
      } finally {
        busy.value = false;
      }
    })();
  };

  const saveShared = async () => {
    const current = connection.value;
    if (!current) return;
    await shareCommentsWith.setValue(comments.value.filter((id) => shared.value.includes(id)));
    await saveConnection({ ...current, partnershipIds: shared.value });
    note.value = 'workspaceShareSaved';
  };

  const leave = async () => {
    const current = connection.value;
    if (current) await signOutOf(current.server);
    await leaveWorkspace();
    if (current) await releaseServer(current.server);
    await publishedRefused.setValue([]);
    offered.value = null;
    shared.value = [];
    note.value = 'workspaceLeft';
  };

  const current = connection.value;
  const state = status.value;
  return (
    <section aria-labelledby="workspace-heading">
      <h2 id="workspace-heading">{t('workspaceHeading')}</h2>
      <p>{t('workspaceExplanation')}</p>
      <form onSubmit={connect}>
        <TextField
          id="workspace-server"
          label={t('workspaceServer')}
          type="url"
          value={shownServer()}
          error={fieldProblem.value?.field === 'server' ? fieldProblem.value.message : undefined}
          onInput={(value) => (server.value = value)}
        />
        <TextField
          id="workspace-prefix"
          label={t('workspacePrefix')}
          value={prefix.value}
          hint={t('workspacePrefixHint')}
          error={fieldProblem.value?.field === 'prefix' ? fieldProblem.value.message : undefined}
          onInput={(value) => (prefix.value = value)}
        />
        <TextField
          id="workspace-user"
          label={t('workspaceUser')}
          value={user.value}
          onInput={(v) => (user.value = v)}
        />
        <div class="field">
          <label for="workspace-password">{t('workspacePassword')}</label>
          <input
            id="workspace-password"
            name="workspace-password"
            type="password"
            autoComplete="current-password"
            value={password.value}
            aria-describedby="workspace-password-hint"
            onInput={(event) => (password.value = event.currentTarget.value)}
          />
          <p id="workspace-password-hint" class="hint">
            {t('workspacePasswordHint')}
          </p>
        </div>
        <div class="actions">
          <button type="submit" aria-disabled={busy.value}>
            {current ? t('workspaceSignInAgain') : t('workspaceConnect')}
          </button>
        </div>
      </form>
      {problem.value && (
        <p class="error" role="alert">
          {problem.value}
        </p>
      )}
      {current && (
        <>
          <p role="status">{t('workspaceConnectedAs', current.server, current.user)}</p>
          {offered.value && offered.value.length === 0 && <p>{t('workspaceNoneOffered')}</p>}
          {offered.value && offered.value.length > 0 && (
            <CheckboxGroup
              name="workspace-share"
              legend={t('workspaceShareLegend')}
              values={shared.value}
              options={offered.value.map((p) => ({ value: p.id, label: p.name }))}
              onChange={(values) => (shared.value = values)}
            />
          )}
          {offered.value && offered.value.length > 0 && <AttendanceModes offered={offered.value} />}
          {offered.value && shared.value.length > 0 && (
            <CheckboxGroup
              name="workspace-comments"
              legend={t('workspaceCommentsLegend')}
              values={comments.value}
              options={offered.value
                .filter((p) => shared.value.includes(p.id))
                .map((p) => ({ value: p.id, label: p.name }))}
              onChange={(values) => (comments.value = values)}
            />
          )}
          {state && state.state !== 'off' && (
            <SyncStatusLine status={state} refused={refusedList(state.refused, refusedResults.value)} />
          )}
          <div class="actions">
            {offered.value && offered.value.length > 0 && (
              <button type="button" onClick={() => void saveShared()}>
                {t('workspaceShareSave')}
              </button>
            )}
            <button type="button" onClick={() => void syncNow()}>
              {t('workspaceSyncNow')}
            </button>
            <button type="button" onClick={() => void leave()}>
              {t('workspaceLeave')}
            </button>
          </div>
        </>
      )}
      {note.value && (
        <p class="status" role="status">
          {t(note.value)}
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

function SyncStatusLine(props: { status: SyncStatus; refused: readonly ListedRefusal[] }) {
  const { status, refused } = props;
  const key = STATES[status.state as Exclude<SyncStatus['state'], 'off'>];
  return (
    <div aria-live="polite">
      <p>
        {key && t(key, status.lastSyncedAt ? formatDateTime(status.lastSyncedAt) : '—', status.detail ?? '')}{' '}
        {status.waiting > 0 && plural('workspaceWaiting', status.waiting, formatNumber(status.waiting))}
      </p>
      {/* The background cannot publish within its size budget (docs/workspace.md): a page does. */}
      <p class="hint">{t('workspacePublishWhen')}</p>
      {status.resolved.length > 0 && (
        <ul>
          {status.resolved.map((r) => (
            <li key={`${r.db} ${r.id} ${r.at}`}>
              {t(r.kept === 'here' ? 'workspaceResolvedHere' : 'workspaceResolvedServer', r.id, formatDateTime(r.at))}
            </li>
          ))}
        </ul>
      )}
      {refused.length > 0 && (
        <ul>
          {refused.map((r) => (
            <li key={`${r.db} ${r.id ?? ''} ${r.at}`}>
              {t(r.direction === 'push' ? 'workspaceRefusedPush' : 'workspaceRefusedPull', r.id ?? r.db, r.reason)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
