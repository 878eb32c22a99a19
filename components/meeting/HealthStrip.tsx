import { DIMENSIONS, type Partnership } from '../../utils/db/records';
import type { PulseDatabase } from '../../utils/db/schema';
import { listMeetings } from '../../utils/db/meetings';
import { latestPulse } from '../../utils/db/pulses';
import { pulsePoints, type PulsePoint } from '../../utils/dashboard/trends/pulse-points';
import { cadenceStatus, lastOfKinds, type CadenceStatus } from '../../utils/dashboard/trends/cadence';
import { cadenceLine } from '../../utils/meeting/health/cadence-line';
import { whenReady } from '../../utils/perf/ready';
import { formatNumber } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/messages';
import { dimensionLabel } from '../../utils/i18n/labels';
import { useLiveQuery } from '../shared/hooks/useLiveQuery';
import { plural } from '../../utils/i18n/plural';

/** Enough of a partnership's history to find its last core, wider and review meetings. */
const HISTORY = 200;

interface Health {
  points: PulsePoint[];
  cadence: CadenceStatus[];
}

/** The partnership at a glance: its last pulse per dimension, and days since each kind of meeting. */
export function HealthStrip(props: { db: PulseDatabase; partnership: Partnership }) {
  const { db, partnership } = props;
  const health = useLiveQuery(
    async (): Promise<Health> => {
      await whenReady(); // never ahead of the panel's first screen
      const [pulse, meetings] = await Promise.all([
        latestPulse(db, partnership.id),
        listMeetings(db, { partnershipId: partnership.id, limit: HISTORY }),
      ]);
      const now = Date.now();
      const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      return {
        points: pulse ? pulsePoints(pulse) : [],
        cadence: cadenceStatus(partnership, lastOfKinds(meetings, now), { timeZone, asOf: now }),
      };
    },
    ['meetings', 'pulses'],
    partnership,
  );

  if (!health) return null;
  return (
    <section class="health-strip" aria-label={t('healthHeading', partnership.name)}>
      <p class="meta">
        {health.points.length === 0
          ? t('healthNoPulse')
          : DIMENSIONS.flatMap((dimension) => {
              const point = health.points.find((p) => p.dimension === dimension);
              if (!point) return [];
              const value = point.overall.hidden
                ? plural('healthTooFew', point.overall.threshold, formatNumber(point.overall.threshold))
                : formatNumber(point.overall.mean, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
              return [`${dimensionLabel(dimension)} ${value}`];
            }).join(' · ')}
      </p>
      <ul class="health-cadence">
        {health.cadence.map((status) => (
          <li key={status.kind} class={`cadence-${status.state}`}>
            {cadenceLine(status)}
          </li>
        ))}
      </ul>
    </section>
  );
}
