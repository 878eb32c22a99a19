import type { PartnerType } from '../../utils/db/records';

/**
 * Okabe–Ito colours (safe for the common colour-vision deficiencies), ordered for contrast on
 * the page's background; lines also differ by point shape and dash, so colour is never the
 * only cue.
 */
export interface Theme {
  dark: boolean;
  background: string;
  text: string;
  muted: string;
  grid: string;
  series: string[];
  partnerType: Record<PartnerType, string>;
  warning: string;
  neutral: string;
}

const LIGHT_SERIES = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'];
const DARK_SERIES = ['#56B4E9', '#E69F00', '#009E73', '#CC79A7', '#F0E442', '#D55E00', '#FFFFFF', '#0072B2'];

export const POINT_STYLES = [
  'circle',
  'triangle',
  'rect',
  'rectRot',
  'star',
  'crossRot',
  'rectRounded',
  'cross',
] as const;
export const DASHES: number[][] = [[], [6, 4], [2, 3], [10, 3, 2, 3]];

const DARK_THEME: Theme = {
  dark: true,
  background: '#15181c',
  text: '#e6edf3',
  muted: '#9aa5b1',
  grid: 'rgba(230, 237, 243, 0.15)',
  series: DARK_SERIES,
  partnerType: { lead: '#56B4E9', core: '#009E73', wider: '#E69F00' },
  warning: '#E69F00',
  neutral: '#9aa5b1',
};

const LIGHT_THEME: Theme = {
  dark: false,
  background: '#ffffff',
  text: '#1b1f24',
  muted: '#57606a',
  grid: 'rgba(27, 31, 36, 0.12)',
  series: LIGHT_SERIES,
  partnerType: { lead: '#0072B2', core: '#009E73', wider: '#D55E00' },
  warning: '#D55E00',
  neutral: '#57606a',
};

/** The same object for the same scheme, so charts redraw only when the scheme changes. */
export function themeFor(dark: boolean): Theme {
  return dark ? DARK_THEME : LIGHT_THEME;
}

export const PARTNER_TYPE_POINTS: Record<PartnerType, (typeof POINT_STYLES)[number]> = {
  lead: 'circle',
  core: 'rect',
  wider: 'triangle',
};

export function seriesColor(theme: Theme, index: number): string {
  return theme.series[index % theme.series.length]!;
}

export function seriesPoint(index: number): (typeof POINT_STYLES)[number] {
  return POINT_STYLES[index % POINT_STYLES.length]!;
}

export function seriesDash(index: number): number[] {
  return DASHES[Math.floor(index / LIGHT_SERIES.length) % DASHES.length]!;
}
