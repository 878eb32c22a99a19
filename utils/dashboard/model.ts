import { batch, computed, createModel, effect, signal } from '@preact/signals';
import { onChange, type Change } from '../db/changes';
import { listMeetings, walkHeldMeetingsBefore } from '../db/meetings';
import { listMemberships } from '../db/memberships';
import { listOrganisations } from '../db/organisations';
import { listPartnerships } from '../db/partnerships';
import { listPublishedResults } from '../db/published';
import { getPulses, listPulsesOfPartnerships } from '../db/pulses';
import { listPurposeTags } from '../db/purpose-tags';
import { getRecords } from '../db/records-store';
import { pulseIdsWithSeats } from '../db/seats';
import { DEFAULT_CADENCE, type Meeting, type Partnership, type PublishedResult, type Pulse } from '../db/records';
import type { PulseDatabase } from '../db/schema';
import { addDays, dateIn, startOfDate } from '../time/calendar';
import { cadenceKindsOf, CADENCE_KINDS, type CadenceKind } from './trends/cadence';
import { publishedPoints, pulseAt } from './trends/pulse-points';
import { isReleased, nextRelease } from '../pulse/release';
import { dateRange, type DashboardFilters } from './filters';
import { reviewFigures } from './review';
import {
  agendaView,
  attendanceOf,
  attendanceView,
  cadenceView,
  CHARTED_CADENCE,
  dimensionFrame,
  dimensionViewOf,
  gapView,
  partnerTypeView,
  pointsOf,
  purposeView,
  responseRateView,
  selectedPartnerships,
  type CountedPulse,
  type DashboardData,
  type ViewContext,
} from './views';
import { DIMENSIONS, isKnownOnlyFromWorkspace } from '../db/records';
import { readonly } from '../models/readonly';

/**
 * The dashboard's records, read for the chosen partnerships and dates only, and kept live.
 *
 * Reads go through indexes: pulses by partnership (their running summaries hold every
 * total a chart needs, so responses are never read), meetings by partnership and start time,
 * and for the cadence a backwards cursor from the start of the range that stops at the last
 * meeting of each kind. Changing the partner type, meeting kind, dimension or period reads
 * nothing: the views are worked out again from what is loaded.
 */

type Reference = Pick<DashboardData, 'partnerships' | 'organisations' | 'memberships' | 'purposeTags'>;

/**
 * The partnerships a coordinator knows only from published results (imported coordinator
 * exports): named as the lead named them, so they can be chosen and charted like one's own.
 */
export function publishedPartnerships(
  own: readonly Partnership[],
  published: readonly PublishedResult[],
  timeZone: string,
): Partnership[] {
  const known = new Set(own.map((p) => p.id));
  const found = new Map<string, Partnership>();
  for (const result of published) {
    if (known.has(result.partnershipId)) continue;
    const earlier = found.get(result.partnershipId);
    if (earlier && earlier.updatedAt >= result.updatedAt) continue;
    found.set(result.partnershipId, {
      id: result.partnershipId,
      name: result.partnershipName,
      startDate: dateIn(Math.min(result.at, earlier?.createdAt ?? Infinity), timeZone),
      cadence: DEFAULT_CADENCE,
      createdAt: Math.min(result.at, earlier?.createdAt ?? Infinity),
      updatedAt: result.updatedAt,
    });
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export interface DashboardModelOptions {
  timeZone: string;
  now?: () => number;
}

/**
 * `new DashboardModel(db, filters, options)`; disposing it (`model[Symbol.dispose]()`, done with
 * its page) stops listening for changes.
 */
export const DashboardModel = createModel(
  (db: PulseDatabase, initial: DashboardFilters, options: DashboardModelOptions) => {
    const { timeZone } = options;
    const now = options.now ?? Date.now;
    const filters = signal(initial);
    const reference = signal<Reference | null>(null);
    /** null until read (the charts that need them wait, the others draw). */
    const pulses = signal<Pulse[] | null>(null);
    /** Results published by leads (a coordinator's imports), read with the pulses. */
    const published = signal<PublishedResult[]>([]);
    /**
     * The pulses with personal-link seats (one key cursor, never a seat or a response read): every
     * other pulse was answered through the shared link and its points are marked not verified.
     */
    const seated = signal<ReadonlySet<string>>(new Set());
    const meetings = signal<Meeting[] | null>(null);
    const previous = signal(new Map<string, Partial<Record<CadenceKind, number>>>());
    /** Reading for new partnerships or dates: what is shown is the previous choice's until done. */
    const loading = signal(true);

    // Both keep their identity while their content stays the same, so a change of partner type
    // does not make the views that depend only on the dates or partnerships work again.
    let lastRange: { from: string; to: string; fromMs: number; toMs: number } | undefined;
    const range = computed(() => {
      const dates = dateRange(filters.value, dateIn(now(), timeZone));
      if (lastRange?.from !== dates.from || lastRange.to !== dates.to) {
        lastRange = {
          ...dates,
          fromMs: startOfDate(dates.from, timeZone),
          toMs: startOfDate(addDays(dates.to, 1), timeZone),
        };
      }
      return lastRange;
    });
    let lastChosen: Partnership[] = [];
    const chosen = computed(() => {
      const next = reference.value ? selectedPartnerships(reference.value, filters.value) : [];
      if (next.length !== lastChosen.length || next.some((p, i) => p !== lastChosen[i])) lastChosen = next;
      return lastChosen;
    });
    /** "Today" for the views: the end of the range, or now if that is sooner. */
    const asOf = () => Math.min(now(), range.value.toMs - 1);

    let token = 0;
    const readKey = () => JSON.stringify([chosen.value.map((p) => p.id), range.value.fromMs, range.value.toMs]);
    let loadedKey = '';

    async function loadReference(): Promise<void> {
      const [own, organisations, purposeTags, allPublished] = await Promise.all([
        listPartnerships(db),
        listOrganisations(db),
        listPurposeTags(db),
        listPublishedResults(db),
      ]);
      const memberships = (await Promise.all(own.map((p) => listMemberships(db, p.id)))).flat();
      const partnerships = [...own, ...publishedPartnerships(own, allPublished, timeZone)];
      reference.value = { partnerships, organisations, memberships, purposeTags };
    }

    const inRange = (at: number) => at >= range.value.fromMs && at < range.value.toMs;
    const isChosen = (partnershipId: string) => chosen.value.some((p) => p.id === partnershipId);
    const allChosen = () => reference.value !== null && chosen.value.length === reference.value.partnerships.length;

    async function readPulses(): Promise<Pulse[]> {
      const ids = allChosen() ? 'all' : chosen.value.map((p) => p.id);
      return (await listPulsesOfPartnerships(db, ids)).filter((p) => isChosen(p.partnershipId) && inRange(pulseAt(p)));
    }

    async function readPublished(): Promise<PublishedResult[]> {
      const ids = allChosen() ? 'all' : chosen.value.map((p) => p.id);
      return (await listPublishedResults(db, ids)).filter((r) => isChosen(r.partnershipId) && inRange(r.at));
    }

    async function readMeetings(): Promise<Meeting[]> {
      const { fromMs: from, toMs: to } = range.value;
      if (allChosen()) return (await listMeetings(db, { from, to })).filter((m) => isChosen(m.partnershipId));
      return (await Promise.all(chosen.value.map((p) => listMeetings(db, { partnershipId: p.id, from, to })))).flat();
    }

    /** Per partnership, walk back from the start of the range until each cadence kind is found. */
    async function readPrevious(): Promise<Map<string, Partial<Record<CadenceKind, number>>>> {
      const found = new Map(chosen.value.map((p) => [p.id, {} as Partial<Record<CadenceKind, number>>]));
      await walkHeldMeetingsBefore(db, [...found.keys()], range.value.fromMs, (partnershipId, meeting) => {
        const kinds = found.get(partnershipId)!;
        for (const kind of cadenceKindsOf(meeting)) kinds[kind] ??= meeting.startAt;
        return CADENCE_KINDS.every((kind) => kinds[kind] !== undefined);
      });
      return found;
    }

    /** Read what the chosen partnerships and dates need: pulses first (the first charts), then meetings. */
    async function loadData(): Promise<void> {
      const mine = ++token;
      loadedKey = readKey();
      loading.value = true;
      const [pulseList, publishedList, seatedIds] = await Promise.all([
        readPulses(),
        readPublished(),
        pulseIdsWithSeats(db),
      ]);
      if (mine !== token) return;
      batch(() => {
        seated.value = seatedIds;
        published.value = publishedList;
        pulses.value = pulseList;
      });
      const [meetingList, before] = await Promise.all([readMeetings(), readPrevious()]);
      if (mine !== token) return;
      batch(() => {
        meetings.value = meetingList;
        previous.value = before;
        loading.value = false;
      });
    }

    async function start(): Promise<void> {
      await loadReference();
      await loadData();
    }

    function setFilters(next: DashboardFilters): void {
      filters.value = next;
      if (reference.value && readKey() !== loadedKey) void loadData();
    }

    /** Put changed records in place (or take them out) without reading the rest again. */
    async function refresh<T extends Pulse | Meeting>(
      store: 'pulses' | 'meetings',
      ids: string[],
      list: typeof pulses | typeof meetings,
      keep: (record: T) => boolean,
    ): Promise<void> {
      const records = (await (store === 'pulses' ? getPulses(db, ids) : getRecords(db, store, ids))) as Array<
        T | undefined
      >;
      const current = list.value as T[] | null;
      if (current === null) return;
      const changed = new Set(ids);
      const next = current.filter((record) => !changed.has(record.id));
      for (const record of records) if (record && keep(record)) next.push(record);
      (list as { value: T[] | null }).value = next;
    }

    const live = (record: { deletedAt?: number; partnershipId: string }) =>
      record.deletedAt === undefined && isChosen(record.partnershipId);

    async function onRecordsChanged(change: Change): Promise<void> {
      switch (change.store) {
        case 'partnerships':
        case 'organisations':
        case 'memberships':
        case 'purposeTags': {
          await loadReference();
          if (readKey() !== loadedKey) await loadData();
          return;
        }
        case 'publishedResults':
          // New partnerships may come with them: read the reference and the chosen data again.
          await loadReference();
          return loadData();
        case 'seats':
          seated.value = await pulseIdsWithSeats(db);
          return;
        case 'pulses':
          return refresh<Pulse>('pulses', change.ids, pulses, (p) => live(p) && inRange(pulseAt(p)));
        case 'meetings': {
          await refresh<Meeting>('meetings', change.ids, meetings, (m) => live(m) && inRange(m.startAt));
          previous.value = await readPrevious();
          return;
        }
        default:
          // Responses come with a change of their pulse (its summary), which is what the charts read.
          return;
      }
    }

    // An effect, so the model's disposal ends the subscription.
    effect(() => onChange((change) => void onRecordsChanged(change)));

    // The views, each worked out again only when what it reads changed: a filter field is its own
    // computed, so a change of partner type leaves the meeting views (and their charts) alone.
    const field = <K extends keyof DashboardFilters>(key: K) => computed(() => filters.value[key]);
    const partnerType = field('partnerType');
    const kind = field('kind');
    const dimension = field('dimension');
    const period = field('period');
    const driftAfter = field('driftAfter');
    const attendanceId = field('attendanceId');
    const context = computed<ViewContext>(() => {
      // Read again with the records, so "now" moves on when they change.
      void pulses.value;
      void meetings.value;
      return { timeZone, asOf: asOf() };
    });
    /** Moves on when the next loaded pulse is released, so its results appear without a reload. */
    const closings = signal(0);
    effect(() => {
      const next = nextRelease(pulses.value ?? [], now());
      if (!Number.isFinite(next)) return;
      const timer = setTimeout(() => closings.value++, Math.min(next - now() + 1, 2 ** 31 - 1));
      return () => clearTimeout(timer);
    });
    /**
     * What the views show: closed pulses only (utils/pulse/release.ts), never an open one's running
     * totals; not another lead's pulse known here only through the workspace (its published result
     * stands for it).
     */
    const released = computed(() => {
      const list = pulses.value;
      if (!list) return null;
      void context.value; // "now" moves on with the records, as the views' does
      void closings.value;
      return list.filter((pulse) => isReleased(pulse, now()) && !isKnownOnlyFromWorkspace(pulse));
    });
    /**
     * Published results of closed pulses, as the views count pulses; one of this browser's own
     * pulses wins over a published copy of itself.
     */
    const releasedPublished = computed(() => {
      const list = released.value;
      if (!list) return [];
      const own = new Set((pulses.value ?? []).filter((p) => !isKnownOnlyFromWorkspace(p)).map((p) => p.id));
      return published.value.filter((r) => !own.has(r.pulseId) && isReleased({ expiresAt: r.closedAt }, now()));
    });
    const points = computed(() =>
      released.value
        ? [...pointsOf(released.value, seated.value), ...releasedPublished.value.flatMap(publishedPoints)]
        : [],
    );
    /** Every released pulse with its response count: the lead's own and the published ones. */
    const counted = computed<CountedPulse[] | null>(() =>
      released.value
        ? [
            ...released.value,
            ...releasedPublished.value.map((r) => ({ id: r.pulseId, summary: { responses: r.responses } })),
          ]
        : null,
    );
    const meetingData = computed(() => {
      const ref = reference.value;
      return ref && meetings.value ? { ...ref, meetings: meetings.value, previous: previous.value } : null;
    });
    /** Each dimension's points grouped, sorted and dated, kept through a change of partner type. */
    const dimensionFrames = computed(() => {
      const list = counted.value;
      if (!list) return null;
      return DIMENSIONS.map((d) => dimensionFrame(d, points.value, list, chosen.value, context.value));
    });
    const dimensionViews = computed(() => {
      const only = { partnerType: partnerType.value };
      return dimensionFrames.value?.map((frame) => dimensionViewOf(frame, only)) ?? null;
    });
    const typeView = computed(() =>
      released.value
        ? partnerTypeView(
            points.value,
            { partnerType: partnerType.value, dimension: dimension.value, period: period.value },
            context.value,
          )
        : null,
    );
    /** Per partnership: a change of partner type (or of meeting kind) leaves it alone. */
    const gaps = computed(() =>
      pulses.value ? gapView(points.value, chosen.value, dimension.value, context.value) : null,
    );
    const rateView = computed(() =>
      released.value && reference.value
        ? responseRateView(
            released.value,
            chosen.value,
            reference.value.memberships,
            { partnerType: partnerType.value },
            context.value,
            seated.value,
          )
        : null,
    );
    /** Worked out once for every partner type: a change of type only picks from it. */
    const everyTypeAttendance = computed(() =>
      meetingData.value
        ? attendanceOf(
            meetingData.value,
            chosen.value,
            { kind: kind.value, driftAfter: driftAfter.value },
            context.value,
          )
        : null,
    );
    const attendance = computed(() => {
      const data = meetingData.value;
      const everyType = everyTypeAttendance.value;
      if (!data || !everyType) return null;
      const only = {
        partnerType: partnerType.value,
        kind: kind.value,
        driftAfter: driftAfter.value,
        attendanceId: attendanceId.value,
      };
      return attendanceView(data, chosen.value, only, context.value, everyType);
    });
    const cadence = computed(() =>
      meetingData.value ? cadenceView(meetingData.value, chosen.value, { kind: kind.value }, context.value) : null,
    );
    const purposes = computed(() =>
      meetingData.value ? purposeView(meetingData.value, chosen.value, { kind: kind.value }) : null,
    );
    const agenda = computed(() =>
      meetingData.value ? agendaView(meetingData.value, chosen.value, { kind: kind.value }) : null,
    );
    /** The cadence kinds the chart plots under the meeting-kind filter. */
    const chartedKinds = computed(
      () => CHARTED_CADENCE.filter((k) => !kind.value || kind.value === k) as Array<'core' | 'wider'>,
    );
    /** The annual review's headline figures: one chosen partnership (read only by the review). */
    const review = computed(() => {
      const data = meetingData.value;
      const list = released.value;
      const only = chosen.value.length === 1 ? chosen.value[0]! : null;
      if (!data || !list || !only) return null;
      return reviewFigures({ ...data, pulses: list }, points.value, only.id, range.value, context.value);
    });

    return {
      filters: readonly(filters),
      reference: readonly(reference),
      pulses: readonly(pulses),
      released,
      published: readonly(published),
      meetings: readonly(meetings),
      previous: readonly(previous),
      loading: readonly(loading),
      range,
      chosen,
      asOf,
      context,
      points,
      views: {
        dimensions: dimensionViews,
        partnerTypes: typeView,
        gaps,
        responseRates: rateView,
        attendance,
        cadence,
        purposes,
        agenda,
        chartedKinds,
        review,
      },
      start,
      setFilters,
    };
  },
);

export type DashboardModel = InstanceType<typeof DashboardModel>;
