import type { RecordSet } from '../db/bulk';
import { builtInPurposeId, type BuiltInPurposeKey } from '../db/built-in-purposes';
import {
  DEFAULT_CADENCE,
  DIMENSIONS,
  PARTNER_TYPES,
  type AgendaAgreed,
  type Attendee,
  type Meeting,
  type MeetingKind,
  type MeetingPlatform,
  type Membership,
  type Organisation,
  type Partnership,
  type Dimension,
  type PartnerType,
  type Person,
  type Pulse,
  type PulseResponse,
  type PurposeTag,
} from '../db/records';
import { normaliseName } from '../db/normalise';
import { coreQuestion } from '../pulse/questions';
import { summarise } from '../db/summary';
import { seededRandom, seededUuid } from './random';
import { utcCalendarDate } from '../time/calendar';

/**
 * The sample data set: two partnerships in a fictional city, sixteen organisations, six months
 * of meetings ending at `now`. Pure and deterministic: the same `now` gives the same records,
 * and the ids never change (they come from DEMO_SEED), so loading it again replaces it.
 *
 * What it is meant to show: a core partner drifting away (Northmoor Housing Trust misses the
 * last core meetings), wider partners drifting (Eastside Residents, the Disability Sports
 * Forum), a core partner leaving when its funding ended (Riverside Debt Advice), a partner that
 * joined late (Refugee Welcome), one partnership whose lead always chairs and one that rotates,
 * an overdue wider meeting (Active Northmoor), meetings with and without an agreed agenda,
 * and pulses after group meetings in which the lead rates equity well above the wider
 * partners, some with too few responses to show.
 */

/** One list per store, typed by the database schema. Pulses: a dozen closed ones after group meetings, with their responses and running summaries. */
export type DemoData = RecordSet;

export const DEMO_SEED = 0x5eed2026;
/** The recurring Meet link of the hardship partnership's core meetings (also its next, planned one). */
export const DEMO_CALL_KEY = 'meet:kzp-wmrd-qxa';

const DAY = 86_400_000;
const MINUTE = 60_000;

type OrgKey =
  | 'ca'
  | 'council'
  | 'food'
  | 'housing'
  | 'debt'
  | 'ageuk'
  | 'foundation'
  | 'hospital'
  | 'eastside'
  | 'mind'
  | 'refugee'
  | 'active'
  | 'communityHealth'
  | 'striders'
  | 'disability'
  | 'schools';
type PartnershipKey = 'hardship' | 'active';

const ORGANISATIONS: Record<OrgKey, { name: string; domain: string }> = {
  ca: { name: 'Northmoor Citizens Advice', domain: 'ca-northmoor.example' },
  council: { name: 'Northmoor City Council', domain: 'northmoor-council.example' },
  food: { name: 'Northmoor Food Network', domain: 'northmoorfood.example' },
  housing: { name: 'Northmoor Housing Trust', domain: 'northmoorhousing.example' },
  debt: { name: 'Riverside Debt Advice Project', domain: 'riversidedebt.example' },
  ageuk: { name: 'Age UK Northmoor', domain: 'ageuk-northmoor.example' },
  foundation: { name: 'Northmoor Community Foundation', domain: 'northmoorfoundation.example' },
  hospital: { name: 'Northmoor Teaching Hospitals NHS Trust', domain: 'nmth-nhs.example' },
  eastside: { name: 'Eastside Residents Association', domain: 'eastside-residents.example' },
  mind: { name: 'Northmoor Mind', domain: 'northmoormind.example' },
  refugee: { name: 'Refugee Welcome Northmoor', domain: 'refugeewelcome-nm.example' },
  active: { name: 'Active Northmoor Trust', domain: 'activenorthmoor.example' },
  communityHealth: { name: 'Northmoor Community Health NHS Trust', domain: 'nmch-nhs.example' },
  striders: { name: 'Northmoor Striders Walking Group', domain: 'nmstriders.example' },
  disability: { name: 'Northmoor Disability Sports Forum', domain: 'nmdsf.example' },
  schools: { name: 'Northmoor Schools Sport Partnership', domain: 'nm-schoolsport.example' },
};

/** Organisation, display name, email local part, and the partnership they go to (both if absent). */
const PEOPLE: Array<[OrgKey, string, string, PartnershipKey?]> = [
  ['ca', 'Sam Okafor', 'sam.okafor'],
  ['ca', 'Hannah Lewis', 'hannah.lewis'],
  ['council', 'Gareth Price', 'gareth.price', 'hardship'],
  ['council', 'Aisha Rahman', 'aisha.rahman', 'active'],
  ['food', 'Tomasz Nowak', 'tomasz.nowak'],
  ['food', 'Bethany Clarke', 'bethany.clarke'],
  ['housing', 'Olumide Adeyemi', 'olumide.adeyemi'],
  ['debt', 'Rachel Dunn', 'rachel.dunn'],
  ['ageuk', 'Margaret Shaw', 'margaret.shaw', 'hardship'],
  ['ageuk', 'Dev Patel', 'dev.patel', 'active'],
  ['foundation', 'Fiona MacLeod', 'fiona.macleod'],
  ['hospital', 'Imran Qureshi', 'imran.qureshi'],
  ['eastside', 'Siobhán Kelly', 'siobhan.kelly'],
  ['mind', 'Chris Moreno', 'chris.moreno'],
  ['refugee', 'Yusuf Haile', 'yusuf.haile'],
  ['active', 'Priya Shah', 'priya.shah'],
  ['active', 'Ben Carter', 'ben.carter'],
  ['communityHealth', 'Zofia Kowalczyk', 'zofia.kowalczyk'],
  ['striders', 'Jean Whitfield', 'jean.whitfield'],
  ['disability', 'Marcus Bell', 'marcus.bell'],
  ['schools', 'Nadia Hussain', 'nadia.hussain'],
];

interface MemberSpec {
  org: OrgKey;
  type: PartnerType;
  joinedDaysAgo?: number;
  leftDaysAgo?: number;
}

const PARTNERSHIPS: Record<PartnershipKey, { name: string; startDaysAgo: number; members: MemberSpec[] }> = {
  hardship: {
    name: 'Northmoor Hardship Crisis Partnership',
    startDaysAgo: 430,
    members: [
      { org: 'ca', type: 'lead' },
      { org: 'council', type: 'core' },
      { org: 'food', type: 'core' },
      { org: 'housing', type: 'core' },
      // Its grant ended: the one membership change, a partner leaving partway.
      { org: 'debt', type: 'core', leftDaysAgo: 70 },
      { org: 'ageuk', type: 'wider' },
      { org: 'foundation', type: 'wider' },
      { org: 'hospital', type: 'wider' },
      { org: 'eastside', type: 'wider' },
      { org: 'mind', type: 'wider' },
      { org: 'refugee', type: 'wider', joinedDaysAgo: 130 },
    ],
  },
  active: {
    name: 'Active Northmoor Partnership',
    startDaysAgo: 300,
    members: [
      { org: 'active', type: 'lead' },
      { org: 'council', type: 'core' },
      { org: 'communityHealth', type: 'core' },
      { org: 'ageuk', type: 'core' },
      { org: 'striders', type: 'wider' },
      { org: 'disability', type: 'wider' },
      { org: 'foundation', type: 'wider' },
      { org: 'schools', type: 'wider' },
    ],
  },
};

/** Organisations that stop coming: absent from that partnership's group meetings since then. */
const DRIFTING: Array<{ org: OrgKey; partnership: PartnershipKey; sinceDaysAgo: number }> = [
  { org: 'housing', partnership: 'hardship', sinceDaysAgo: 45 },
  { org: 'eastside', partnership: 'hardship', sinceDaysAgo: 130 },
  { org: 'disability', partnership: 'active', sinceDaysAgo: 105 },
];

type Purpose = BuiltInPurposeKey | 'winter';

interface MeetingSpec {
  partnership: PartnershipKey;
  kind: MeetingKind;
  /** Negative: in the future (a planned meeting). */
  daysAgo: number;
  title: string;
  platform: MeetingPlatform;
  purposes: Purpose[];
  agenda: AgendaAgreed;
  /** Default: the lead organisation. */
  chair?: OrgKey;
  /** The partner in a 1:1. */
  with?: OrgKey;
  minutes: number;
  decisions: string;
  notes: string;
}

const HARDSHIP_CORE = 'Hardship Crisis Partnership – core partners';
const HARDSHIP_WIDER = 'Hardship Crisis Partnership – wider partners meeting';
const ACTIVE_CORE = 'Active Northmoor core group';
const ACTIVE_WIDER = 'Active Northmoor wider network';

const MEETINGS: MeetingSpec[] = [
  // Northmoor Hardship Crisis Partnership
  {
    partnership: 'hardship',
    kind: 'core',
    daysAgo: 176,
    title: HARDSHIP_CORE,
    platform: 'meet',
    purposes: ['delivery', 'data'],
    agenda: 'yes',
    minutes: 75,
    decisions: 'Shared referral form to go live on 1st of next month.',
    notes: 'Referrals up 18% on last quarter, mostly energy debt. Food Network reports stock running low on Fridays.',
  },
  {
    partnership: 'hardship',
    kind: 'wider',
    daysAgo: 162,
    title: HARDSHIP_WIDER,
    platform: 'teams',
    purposes: ['learning', 'relationships'],
    agenda: 'yes',
    chair: 'council',
    minutes: 90,
    decisions: 'Mind to run a session on supporting people in crisis for frontline staff.',
    notes:
      'Welcome round; each partner shared one thing that worked this quarter. Hospital discharge team keen to link with the referral form.',
  },
  {
    partnership: 'hardship',
    kind: 'one-to-one',
    daysAgo: 150,
    title: 'Catch-up: Citizens Advice / Food Network',
    platform: 'phone',
    purposes: ['roles'],
    agenda: 'no',
    with: 'food',
    minutes: 30,
    decisions: 'Food Network to own the Friday rota; Citizens Advice covers referrals only.',
    notes: 'Some confusion over who follows up missed collections.',
  },
  {
    partnership: 'hardship',
    kind: 'core',
    daysAgo: 141,
    title: HARDSHIP_CORE,
    platform: 'meet',
    purposes: ['delivery', 'decisions'],
    agenda: 'yes',
    minutes: 70,
    decisions: 'Hardship fund criteria widened to include prepayment meter top-ups.',
    notes: 'Referral form live. Debt Advice flagged their grant ends in the autumn.',
  },
  {
    partnership: 'hardship',
    kind: 'forum',
    daysAgo: 120,
    title: 'Winter hardship planning workshop',
    platform: 'in-person',
    purposes: ['planning', 'winter'],
    agenda: 'yes',
    minutes: 150,
    decisions: 'Joint bid to the Community Foundation winter fund, led by the council.',
    notes: 'Mapped warm spaces and opening hours. Refugee Welcome joined for the first time.',
  },
  {
    partnership: 'hardship',
    kind: 'core',
    daysAgo: 104,
    title: HARDSHIP_CORE,
    platform: 'meet',
    purposes: ['planning', 'delivery'],
    agenda: 'not-yet',
    minutes: 80,
    decisions: 'Bid draft to circulate by Friday; each partner to add two case studies.',
    notes: 'Agenda sent late, so the first half was spent agreeing priorities.',
  },
  {
    partnership: 'hardship',
    kind: 'one-to-one',
    daysAgo: 90,
    title: 'Catch-up: Citizens Advice / Housing Trust',
    platform: 'meet',
    purposes: ['relationships'],
    agenda: 'no',
    with: 'housing',
    minutes: 30,
    decisions: 'Housing Trust to name a deputy for core meetings.',
    notes: 'Staff shortages at the Trust; meetings clash with their tenancy panel.',
  },
  {
    partnership: 'hardship',
    kind: 'wider',
    daysAgo: 78,
    title: HARDSHIP_WIDER,
    platform: 'teams',
    purposes: ['data', 'learning'],
    agenda: 'yes',
    minutes: 90,
    decisions: 'Quarterly data pack to be shared with all wider partners.',
    notes: 'Presented the first data pack: 1,240 households supported. Eastside Residents absent again.',
  },
  {
    partnership: 'hardship',
    kind: 'one-to-one',
    daysAgo: 75,
    title: 'Catch-up: Citizens Advice / Riverside Debt Advice',
    platform: 'phone',
    purposes: ['agreement'],
    agenda: 'yes',
    with: 'debt',
    minutes: 45,
    decisions: 'Debt Advice leaves the partnership when its grant ends; open cases handed to Citizens Advice.',
    notes: 'Exit plan agreed. They would like to stay on the mailing list.',
  },
  {
    partnership: 'hardship',
    kind: 'core',
    daysAgo: 69,
    title: HARDSHIP_CORE,
    platform: 'meet',
    purposes: ['delivery', 'roles'],
    agenda: 'yes',
    chair: 'food',
    minutes: 60,
    decisions: 'Roles table updated now that Debt Advice has left.',
    notes: 'Food Network chaired for the first time. Winter fund bid submitted.',
  },
  {
    partnership: 'hardship',
    kind: 'core',
    daysAgo: 36,
    title: HARDSHIP_CORE,
    platform: 'meet',
    purposes: ['delivery', 'winter'],
    agenda: 'yes',
    minutes: 65,
    decisions: 'Warm spaces open from next week; council to publish the map.',
    notes: 'Winter fund bid successful. Housing Trust sent apologies.',
  },
  {
    partnership: 'hardship',
    kind: 'review',
    daysAgo: 30,
    title: 'Hardship Crisis Partnership annual review',
    platform: 'meet',
    purposes: ['review', 'agreement'],
    agenda: 'yes',
    minutes: 120,
    decisions: 'Partnership agreement renewed for a year; review 1:1s with each wider partner by spring.',
    notes: 'Partners value the shared referral form; want more say in how the hardship fund is allocated.',
  },
  {
    partnership: 'hardship',
    kind: 'one-to-one',
    daysAgo: 20,
    title: 'Catch-up: Citizens Advice / Housing Trust',
    platform: 'meet',
    purposes: ['relationships', 'roles'],
    agenda: 'no',
    with: 'housing',
    minutes: 30,
    decisions: 'Move core meetings to Thursday afternoons to avoid the tenancy panel.',
    notes: 'The Trust still wants to be involved but the time does not work.',
  },
  {
    partnership: 'hardship',
    kind: 'core',
    daysAgo: 8,
    title: HARDSHIP_CORE,
    platform: 'meet',
    purposes: ['delivery', 'data'],
    agenda: 'yes',
    minutes: 70,
    decisions: 'Data pack to include waiting times from next quarter.',
    notes: 'Warm spaces busy; food bank referrals doubled in the cold snap.',
  },
  {
    partnership: 'hardship',
    kind: 'core',
    daysAgo: -20,
    title: HARDSHIP_CORE,
    platform: 'meet',
    purposes: ['delivery'],
    agenda: 'not-yet',
    minutes: 60,
    decisions: '',
    notes: '',
  },

  // Active Northmoor Partnership
  {
    partnership: 'active',
    kind: 'core',
    daysAgo: 172,
    title: ACTIVE_CORE,
    platform: 'zoom',
    purposes: ['delivery', 'planning'],
    agenda: 'yes',
    minutes: 60,
    decisions: 'Pilot walking groups in two wards from next month.',
    notes: 'Community Health can refer patients from the diabetes clinic.',
  },
  {
    partnership: 'active',
    kind: 'wider',
    daysAgo: 168,
    title: ACTIVE_WIDER,
    platform: 'zoom',
    purposes: ['relationships', 'learning'],
    agenda: 'yes',
    minutes: 90,
    decisions: 'Striders to lead the volunteer walk-leader training.',
    notes: 'Good turnout. Disability Sports Forum asked for accessible routes to be part of the pilot.',
  },
  {
    partnership: 'active',
    kind: 'core',
    daysAgo: 137,
    title: ACTIVE_CORE,
    platform: 'zoom',
    purposes: ['delivery', 'data'],
    agenda: 'yes',
    minutes: 60,
    decisions: 'Use one attendance sheet across all walking groups.',
    notes: '86 people on the first walks; most referred by GPs.',
  },
  {
    partnership: 'active',
    kind: 'one-to-one',
    daysAgo: 120,
    title: 'Catch-up: Active Northmoor / Disability Sports Forum',
    platform: 'phone',
    purposes: ['roles', 'relationships'],
    agenda: 'no',
    with: 'disability',
    minutes: 30,
    decisions: '',
    notes: 'Forum feels its access advice is not being acted on; considering whether to stay involved.',
  },
  {
    partnership: 'active',
    kind: 'core',
    daysAgo: 99,
    title: ACTIVE_CORE,
    platform: 'zoom',
    purposes: ['decisions', 'planning'],
    agenda: 'no',
    minutes: 75,
    decisions: 'Funding bid to the county sports partnership agreed, lead by Active Northmoor.',
    notes: 'No agenda circulated; decisions taken at the end in a rush.',
  },
  {
    partnership: 'active',
    kind: 'wider',
    daysAgo: 98,
    title: ACTIVE_WIDER,
    platform: 'zoom',
    purposes: ['data', 'learning'],
    agenda: 'yes',
    minutes: 90,
    decisions: 'Schools to trial a family walking challenge over the summer.',
    notes: 'Shared the first evaluation findings.',
  },
  {
    partnership: 'active',
    kind: 'core',
    daysAgo: 64,
    title: ACTIVE_CORE,
    platform: 'zoom',
    purposes: ['delivery'],
    agenda: 'yes',
    minutes: 60,
    decisions: 'Extend the pilot to a third ward.',
    notes: 'Age UK reports older walkers asking for shorter routes.',
  },
  {
    partnership: 'active',
    kind: 'forum',
    daysAgo: 55,
    title: 'Walking for health workshop',
    platform: 'in-person',
    purposes: ['learning', 'planning'],
    agenda: 'yes',
    minutes: 180,
    decisions: 'Route guide to include step-free options.',
    notes: 'Workshop at the leisure centre with walk leaders and GP practice staff.',
  },
  {
    partnership: 'active',
    kind: 'one-to-one',
    daysAgo: 45,
    title: 'Catch-up: Active Northmoor / City Council',
    platform: 'meet',
    purposes: ['planning'],
    agenda: 'yes',
    with: 'council',
    minutes: 30,
    decisions: 'Council to co-sign the funding bid.',
    notes: 'Parks team can lend gazebos for the launch.',
  },
  {
    partnership: 'active',
    kind: 'core',
    daysAgo: 27,
    title: ACTIVE_CORE,
    platform: 'zoom',
    purposes: ['delivery', 'decisions'],
    agenda: 'yes',
    minutes: 60,
    decisions: 'Funding bid submitted; result expected in the new year.',
    notes: 'Wider network meeting is overdue: to be booked.',
  },

  // Appended, so every meeting above keeps its id and its attendance.
  {
    partnership: 'hardship',
    kind: 'forum',
    daysAgo: 14,
    title: 'Warm spaces check-in',
    platform: 'teams',
    purposes: ['learning', 'winter'],
    agenda: 'no',
    minutes: 60,
    decisions: 'Warm spaces to share one sign-in sheet.',
    notes: 'Quick round of how the warm spaces are going. Housing Trust and Eastside Residents did not come.',
  },
  {
    partnership: 'active',
    kind: 'forum',
    daysAgo: 12,
    title: 'Accessible routes workshop',
    platform: 'in-person',
    purposes: ['planning', 'learning'],
    agenda: 'yes',
    minutes: 120,
    decisions: 'Step-free routes to be mapped in each ward before the spring walks.',
    notes: 'Walk leaders and GP practice staff. Disability Sports Forum invited but did not come.',
  },
];

/**
 * Sample pulses: one round after some of the group meetings, every member invited. The
 * numbers of responses per partner type are chosen so that the anonymity threshold (3) shows
 * in every way: pulses where all three types are shown, pulses where one small type hides
 * another to protect it, and a pulse with too few responses to show anything.
 * `means` are what each partner type rates each dimension, on average: in both partnerships
 * the lead rates equity well above the wider partners (the equity gap), narrowing in the
 * hardship partnership, widening in Active Northmoor.
 */
interface PulseSpec {
  partnership: PartnershipKey;
  /** The meeting it follows: its kind and days ago. */
  after: { kind: MeetingKind; daysAgo: number };
  responses: Record<PartnerType, number>;
  means: Record<PartnerType, Record<Dimension, number>>;
  comments?: string[];
}

const DEMO_WORDING: Record<Dimension, string> = {
  trust: 'I trust the other partners to do what they say they will do.',
  equity: 'Decisions in this partnership are shared fairly; my organisation has real influence.',
  flexibility: 'The partnership adapts to how my organisation works.',
  communication: 'I know what is happening, who is doing what, and I can raise problems.',
};

const rated = (trust: number, equity: number, flexibility: number, communication: number) => ({
  trust,
  equity,
  flexibility,
  communication,
});

const PULSES: PulseSpec[] = [
  {
    partnership: 'hardship',
    after: { kind: 'core', daysAgo: 176 },
    responses: { lead: 3, core: 4, wider: 3 },
    means: { lead: rated(4.3, 4.7, 4, 4.3), core: rated(3.8, 3.5, 3.5, 3.8), wider: rated(3.3, 2.7, 3, 3) },
    comments: [
      'The shared referral form has made a real difference.',
      'We often hear about decisions after they are made.',
    ],
  },
  {
    partnership: 'hardship',
    after: { kind: 'wider', daysAgo: 162 },
    responses: { lead: 2, core: 3, wider: 4 },
    means: { lead: rated(4.5, 4.5, 4, 4.5), core: rated(3.7, 3.7, 3.3, 3.7), wider: rated(3.5, 2.8, 3.3, 3.3) },
  },
  {
    partnership: 'hardship',
    after: { kind: 'core', daysAgo: 104 },
    responses: { lead: 3, core: 3, wider: 2 },
    means: { lead: rated(4.3, 4.3, 4, 4), core: rated(3.7, 3.7, 3.3, 3), wider: rated(3.5, 3, 3, 3) },
    comments: ['The agenda came too late to prepare.'],
  },
  {
    partnership: 'hardship',
    after: { kind: 'wider', daysAgo: 78 },
    responses: { lead: 3, core: 3, wider: 5 },
    means: { lead: rated(4.3, 4.3, 4.3, 3.7), core: rated(4, 3.7, 3.7, 3), wider: rated(3.6, 3.2, 3.4, 2.8) },
    comments: ['The data pack helps us make the case to our trustees.', 'Please send papers a week ahead.'],
  },
  {
    partnership: 'hardship',
    after: { kind: 'core', daysAgo: 36 },
    responses: { lead: 1, core: 1, wider: 0 },
    means: { lead: rated(4, 4, 4, 4), core: rated(4, 4, 4, 4), wider: rated(3, 3, 3, 3) },
  },
  {
    partnership: 'hardship',
    after: { kind: 'core', daysAgo: 8 },
    responses: { lead: 3, core: 3, wider: 3 },
    means: { lead: rated(4.3, 4.3, 4.3, 4.3), core: rated(4, 4, 3.7, 4), wider: rated(3.7, 3.3, 3.7, 3.7) },
    comments: [
      'Rotating the chair has helped.',
      'Good to have a say in the hardship fund criteria.',
      'The warm spaces map went out quickly.',
    ],
  },

  {
    partnership: 'active',
    after: { kind: 'core', daysAgo: 172 },
    responses: { lead: 3, core: 3, wider: 3 },
    means: { lead: rated(4.7, 4.7, 4.3, 4.7), core: rated(4, 3.7, 3.7, 4), wider: rated(3.7, 3, 3.3, 3.3) },
  },
  {
    partnership: 'active',
    after: { kind: 'wider', daysAgo: 168 },
    responses: { lead: 3, core: 2, wider: 3 },
    means: { lead: rated(4.7, 4.7, 4.3, 4.3), core: rated(4, 4, 3.5, 4), wider: rated(3.7, 3, 3.3, 3.7) },
    comments: ['Accessible routes need to be part of the pilot from the start.'],
  },
  {
    partnership: 'active',
    after: { kind: 'core', daysAgo: 137 },
    responses: { lead: 3, core: 3, wider: 0 },
    means: { lead: rated(4.7, 4.7, 4.7, 4.3), core: rated(4, 3.7, 3.7, 3.7), wider: rated(3, 3, 3, 3) },
  },
  {
    partnership: 'active',
    after: { kind: 'wider', daysAgo: 98 },
    responses: { lead: 3, core: 3, wider: 4 },
    means: { lead: rated(4.7, 4.7, 4.3, 4.3), core: rated(3.7, 3.7, 3.3, 3.7), wider: rated(3.3, 2.5, 3, 3) },
    comments: [
      'Decisions are taken before the wider network hears about them.',
      'The evaluation findings were useful.',
    ],
  },
  {
    partnership: 'active',
    after: { kind: 'core', daysAgo: 64 },
    responses: { lead: 0, core: 2, wider: 0 },
    means: { lead: rated(4, 4, 4, 4), core: rated(4, 3.5, 3.5, 4), wider: rated(3, 3, 3, 3) },
    // Two responses: below the threshold, so these comments are never shown.
    comments: ['Only two of us could answer this time.', 'The pilot extension was rushed.'],
  },
  {
    partnership: 'active',
    after: { kind: 'core', daysAgo: 27 },
    // Five wider answers: the equity gap (lead 4.67, wider 2.4) has widened by 0.6 since the first pulse's 1.67.
    responses: { lead: 3, core: 3, wider: 5 },
    means: { lead: rated(4.7, 4.7, 4.3, 4.3), core: rated(3.7, 3.7, 3.3, 3.3), wider: rated(3, 2.4, 2.8, 2.8) },
    comments: ['We would like to chair a meeting now and then.'],
  },
];

/**
 * `count` ratings from 1 to 5 whose mean is `mean` rounded to the nearest possible one, spread
 * a little (a pair moved apart keeps the sum) so that not every answer is the same.
 */
function ratings(count: number, mean: number, random: () => number): number[] {
  const total = Math.min(5 * count, Math.max(count, Math.round(mean * count)));
  const base = Math.floor(total / count);
  const values = Array.from({ length: count }, (_, i) => base + (i < total - base * count ? 1 : 0));
  for (let i = 0; i + 1 < count; i += 2) {
    if (random() < 0.5 && values[i]! < 5 && values[i + 1]! > 1) {
      values[i]! += 1;
      values[i + 1]! -= 1;
    }
  }
  return values;
}

/** A valid P-256 public key: the sample pulses are closed, and no code can ever be opened for them. */
const DEMO_PULSE_PUBLIC_KEY: JsonWebKey = {
  kty: 'EC',
  crv: 'P-256',
  x: 'tFLbrzVfHnzIZ-Xa-8ApdH-9pRoFqBB2gmaGbNfKs6I',
  y: 'qFr3HdTqMaKqcqaQqThipJYMLR9wZYrANSx1fbIn3MM',
};

export function buildDemoData(now: number): DemoData {
  // Ids and choices come from two separate streams, so adding a meeting keeps every id stable.
  const nextId = (
    (random) => () =>
      seededUuid(random)
  )(seededRandom(DEMO_SEED));
  const random = seededRandom(DEMO_SEED + 1);
  const chance = (p: number) => random() < p;
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const today = Math.floor(now / DAY) * DAY;
  const daysAgo = (days: number) => today - days * DAY;

  const organisationIds = {} as Record<OrgKey, string>;
  const organisations: Organisation[] = (Object.keys(ORGANISATIONS) as OrgKey[]).map((key) => {
    organisationIds[key] = nextId();
    const stampAt = daysAgo(430);
    return {
      id: organisationIds[key],
      name: ORGANISATIONS[key].name,
      emailDomains: [ORGANISATIONS[key].domain],
      createdAt: stampAt,
      updatedAt: stampAt,
      demo: true,
    };
  });

  const people: Person[] = PEOPLE.map(([org, displayName, local]) => ({
    id: nextId(),
    displayNames: [displayName],
    aliases: [normaliseName(displayName)],
    emails: [`${local}@${ORGANISATIONS[org].domain}`],
    organisationId: organisationIds[org],
    createdAt: daysAgo(400),
    updatedAt: daysAgo(400),
    demo: true,
  }));
  const peopleOf = (org: OrgKey, partnership: PartnershipKey) =>
    people.filter((_, index) => {
      const [personOrg, , , only] = PEOPLE[index]!;
      return personOrg === org && (only === undefined || only === partnership);
    });

  const partnershipIds = {} as Record<PartnershipKey, string>;
  const partnerships: Partnership[] = [];
  const memberships: Membership[] = [];
  for (const key of Object.keys(PARTNERSHIPS) as PartnershipKey[]) {
    const spec = PARTNERSHIPS[key];
    const created = daysAgo(spec.startDaysAgo);
    partnershipIds[key] = nextId();
    partnerships.push({
      id: partnershipIds[key],
      name: spec.name,
      startDate: utcCalendarDate(created),
      cadence: { ...DEFAULT_CADENCE },
      createdAt: created,
      updatedAt: created,
      demo: true,
    });
    for (const member of spec.members) {
      const joined = daysAgo(member.joinedDaysAgo ?? spec.startDaysAgo);
      const membership: Membership = {
        id: nextId(),
        partnershipId: partnershipIds[key],
        organisationId: organisationIds[member.org],
        partnerType: member.type,
        joinedOn: utcCalendarDate(joined),
        createdAt: joined,
        updatedAt: joined,
        demo: true,
      };
      if (member.leftDaysAgo !== undefined) {
        membership.leftOn = utcCalendarDate(daysAgo(member.leftDaysAgo));
        membership.updatedAt = daysAgo(member.leftDaysAgo);
      }
      memberships.push(membership);
    }
  }

  const winterTag: PurposeTag = {
    id: nextId(),
    label: 'Winter pressures',
    createdAt: daysAgo(125),
    updatedAt: daysAgo(125),
    demo: true,
  };
  const purposeId = (purpose: Purpose) => (purpose === 'winter' ? winterTag.id : builtInPurposeId(purpose));

  const meetings: Meeting[] = MEETINGS.map((spec) => {
    const partnership = PARTNERSHIPS[spec.partnership];
    // Mornings at 10:00 or afternoons at 14:00 UTC, so the data looks the same in every time zone.
    const startAt = daysAgo(spec.daysAgo) + (chance(0.7) ? 10 : 14) * 60 * MINUTE;
    const endAt = startAt + spec.minutes * MINUTE;
    const planned = spec.daysAgo < 0;
    const lead = partnership.members.find((member) => member.type === 'lead')!.org;
    const onDate = spec.daysAgo;
    const memberOn = (member: MemberSpec) =>
      (member.joinedDaysAgo ?? partnership.startDaysAgo) >= onDate &&
      (member.leftDaysAgo === undefined || member.leftDaysAgo < onDate);

    let present: OrgKey[];
    if (planned) present = [];
    else if (spec.kind === 'one-to-one') present = [lead, spec.with!];
    else {
      const expectedTypes: PartnerType[] =
        spec.kind === 'core' || spec.kind === 'review' ? ['lead', 'core'] : ['lead', 'core', 'wider'];
      present = partnership.members
        .filter((member) => memberOn(member) && expectedTypes.includes(member.type))
        .map((member) => member.org)
        .filter(
          (org) =>
            !DRIFTING.some(
              (drift) => drift.org === org && drift.partnership === spec.partnership && drift.sinceDaysAgo > onDate,
            ),
        )
        // Now and then someone sends apologies; the lead and the chair are always there.
        .filter((org) => org === lead || org === spec.chair || !chance(0.12));
    }

    const tracked = spec.platform === 'meet' || spec.platform === 'zoom' || spec.platform === 'teams';
    const attendees: Attendee[] = [];
    for (const org of present) {
      const [first, ...others] = peopleOf(org, spec.partnership);
      const going = [first!, ...others.filter(() => chance(0.35))];
      for (const person of going) {
        const attendee: Attendee = {
          displayName: person.displayNames[0]!,
          personId: person.id,
          organisationId: person.organisationId,
          email: person.emails[0],
        };
        if (tracked) {
          attendee.firstSeenAt = startAt + (chance(0.15) ? between(5, 15) : between(0, 2)) * MINUTE;
          attendee.lastSeenAt = endAt - (chance(0.1) ? between(10, 20) : between(0, 2)) * MINUTE;
        }
        attendees.push(attendee);
      }
    }

    const chairOrg = spec.chair ?? lead;
    const chairPerson = planned
      ? undefined
      : attendees.find((attendee) => attendee.organisationId === organisationIds[chairOrg]);
    const loggedAt = planned ? now - 2 * DAY : endAt + between(5, 60) * MINUTE;
    const meeting: Meeting = {
      id: nextId(),
      partnershipId: partnershipIds[spec.partnership],
      status: planned ? 'planned' : 'held',
      platform: spec.platform,
      title: spec.title,
      startAt,
      kind: spec.kind,
      purposeTagIds: spec.purposes.map(purposeId),
      agenda: spec.agenda,
      attendees,
      organisationIds: [...new Set(attendees.map((attendee) => attendee.organisationId!))],
      decisions: spec.decisions,
      notes: spec.notes,
      createdAt: loggedAt,
      updatedAt: loggedAt,
      demo: true,
    };
    if (!planned) {
      meeting.endAt = endAt;
      meeting.chairOrganisationId = organisationIds[chairOrg];
      if (chairPerson?.personId) meeting.chairPersonId = chairPerson.personId;
    }
    if (spec.title === HARDSHIP_CORE) meeting.callKey = DEMO_CALL_KEY;
    return meeting;
  });

  // Answers come from a third stream, so the meetings above look the same with or without pulses.
  const answerRandom = seededRandom(DEMO_SEED + 2);
  const questions = DIMENSIONS.map((dimension) => coreQuestion(dimension, DEMO_WORDING[dimension]));
  const pulses: Pulse[] = [];
  const responses: PulseResponse[] = [];
  for (const spec of PULSES) {
    const index = MEETINGS.findIndex(
      (m) => m.partnership === spec.partnership && m.kind === spec.after.kind && m.daysAgo === spec.after.daysAgo,
    );
    const meeting = meetings[index]!;
    const partnership = PARTNERSHIPS[spec.partnership];
    const createdAt = meeting.endAt! + 30 * MINUTE;
    const invited = partnership.members
      .filter(
        (member) =>
          (member.joinedDaysAgo ?? partnership.startDaysAgo) >= spec.after.daysAgo &&
          (member.leftDaysAgo === undefined || member.leftDaysAgo < spec.after.daysAgo),
      )
      .map((member) => organisationIds[member.org]);
    const pulse: Pulse = {
      id: nextId(),
      partnershipId: meeting.partnershipId,
      meetingId: meeting.id,
      questions,
      invitedOrganisationIds: invited,
      expiresAt: createdAt + 7 * DAY,
      threshold: 3,
      publicKeyJwk: DEMO_PULSE_PUBLIC_KEY,
      createdAt,
      updatedAt: createdAt + 3 * DAY,
      demo: true,
    };
    const ofPulse: PulseResponse[] = [];
    const comments = [...(spec.comments ?? [])];
    for (const partnerType of PARTNER_TYPES) {
      const count = spec.responses[partnerType];
      if (count === 0) continue;
      const byDimension = DIMENSIONS.map((dimension) =>
        ratings(count, spec.means[partnerType][dimension], answerRandom),
      );
      for (let i = 0; i < count; i += 1) {
        const answers: Record<string, number> = {};
        DIMENSIONS.forEach((dimension, d) => {
          answers[questions[d]!.id] = byDimension[d]![i]!;
        });
        // Answers arrive over the days after the meeting; a batch shares one time, as in addResponses.
        const receivedAt = createdAt + (1 + (i % 3)) * DAY;
        const response: PulseResponse = {
          id: nextId(),
          pulseId: pulse.id,
          partnerType,
          answers,
          source: 'widget',
          receivedAt,
          verified: true,
          createdAt: receivedAt,
          updatedAt: receivedAt,
          demo: true,
        };
        const comment = answerRandom() < 0.5 ? comments.shift() : undefined;
        if (comment) response.comment = comment;
        ofPulse.push(response);
      }
    }
    pulse.summary = summarise(pulse, ofPulse);
    pulses.push(pulse);
    responses.push(...ofPulse);
  }

  return {
    partnerships,
    organisations,
    memberships,
    people,
    purposeTags: [winterTag],
    meetings,
    pulses,
    responses,
  };
}
