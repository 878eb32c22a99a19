import { useState } from 'preact/hooks';
import type { Organisation, Pulse, PulseResponse } from '../../utils/db/records';
import type { PulseDatabase } from '../../utils/db/schema';
import { addHeldResponses, canAddHeld, discardHeldResponses, LateQueueError } from '../../utils/db/responses';
import { lateBatchProblem, lateBatchWhereText } from '../../utils/pulse/late-batch';
import { clampThreshold } from '../../utils/settings/settings';
import { formatNumber } from '../../utils/i18n/format';
import { t, type MessageKey } from '../../utils/i18n/messages';
import { plural, type PluralKey } from '../../utils/i18n/plural';

/**
 * A released pulse's late queue: answers that arrived after its results were released. They
 * count only when the lead adds them together, at least the threshold at a time, so no single
 * late answer can move a released figure; or the lead discards them.
 */

/** What the last action said: a counted outcome (a plural message), or a plain one. */
type Status =
  { key: PluralKey; count: number; where?: string } | { key: MessageKey; count?: undefined; where?: undefined };

export function LateQueue(props: {
  db: PulseDatabase;
  pulse: Pulse;
  /** The answers counted in the released results. */
  counted: readonly PulseResponse[];
  queue: readonly PulseResponse[];
  organisations: readonly Organisation[];
}) {
  const { db, pulse, counted, queue, organisations } = props;
  const held = queue.length;
  const [status, setStatus] = useState<Status | null>(null);
  const [busy, setBusy] = useState(false);
  const threshold = clampThreshold(pulse.threshold);
  const enough = canAddHeld(queue, threshold) && lateBatchProblem(pulse, counted, queue, threshold) === null;
  const whereText = (where: NonNullable<LateQueueError['where']>) =>
    lateBatchWhereText(where, pulse, (id) => organisations.find((o) => o.id === id)?.name ?? id);
  const base = `late-${pulse.id}`;

  const run = async (action: () => Promise<Status>) => {
    if (busy) return;
    setBusy(true);
    try {
      setStatus(await action());
    } catch (error) {
      if (!(error instanceof LateQueueError)) throw error;
      setStatus(
        error.reason === 'too-few'
          ? { key: 'lateQueueTooFew', count: error.threshold }
          : error.reason === 'small-move' && error.where
            ? { key: 'lateQueueSmallMove', count: error.threshold, where: whereText(error.where) }
            : { key: 'lateQueueChanged' },
      );
    } finally {
      setBusy(false);
    }
  };
  const add = () =>
    run(async () => {
      const count = await addHeldResponses(db, pulse.id, { threshold, expected: held, check: lateBatchProblem });
      return { key: 'lateQueueAdded', count };
    });
  const discard = () =>
    run(async () => ({ key: 'lateQueueDiscarded', count: await discardHeldResponses(db, pulse.id) }));

  if (held === 0 && !status) return null;
  return (
    <section class="late-queue" aria-labelledby={`${base}-heading`}>
      <h3 id={`${base}-heading`}>{t('lateQueueHeading')}</h3>
      {held > 0 && (
        <>
          <p class="late-queue-state" id={`${base}-state`}>
            {t(
              'lateQueueState',
              plural('countAnswers', held, formatNumber(held)),
              plural('countVerifiedAnswers', threshold, formatNumber(threshold)),
              formatNumber(threshold),
            )}
          </p>
          {/* Not `disabled`: a disabled button drops the focus; aria-disabled keeps it and says why. */}
          <button
            type="button"
            class="late-queue-add"
            aria-disabled={!enough || busy || undefined}
            aria-describedby={`${base}-state`}
            onClick={() => void add()}
          >
            {plural('lateQueueAdd', held, formatNumber(held))}
          </button>{' '}
          <button
            type="button"
            class="late-queue-discard"
            aria-disabled={busy || undefined}
            onClick={() => void discard()}
          >
            {t('lateQueueDiscard')}
          </button>
        </>
      )}
      {status && (
        <p class="status" role="status">
          {status.where !== undefined && status.count !== undefined
            ? plural(status.key, status.count, status.where, formatNumber(status.count))
            : status.count === undefined
              ? t(status.key)
              : plural(status.key, status.count, formatNumber(status.count))}
        </p>
      )}
    </section>
  );
}
