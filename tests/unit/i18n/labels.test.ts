import { describe, expect, it } from 'vitest';
import { AGENDA_STATES, DIMENSIONS, MEETING_KINDS, MEETING_PLATFORMS, PARTNER_TYPES } from '../../../utils/db/records';
import { RECORD_STORES } from '../../../utils/db/schema';
import { countOutcomes, type CodeOutcome } from '../../../utils/pulse/collect';
import {
  agendaLabel,
  agendaStateLabel,
  cadenceKindLabel,
  dimensionLabel,
  dimensionShortLabel,
  kindLabel,
  outcomeLabel,
  partnerTypeLabel,
  platformLabel,
  scaleLabel,
  siteLabel,
  storeLabel,
} from '../../../utils/i18n/labels';

/** Each value's label: real text (not a message key left unread), and no two values alike. */
function expectDistinctText(labels: string[]) {
  // An unknown key reads as '' in the tests' messages.
  for (const label of labels) expect(label).toMatch(/^[^_]+$/);
  expect(new Set(labels).size).toBe(labels.length);
}

describe('enum labels, one home', () => {
  it.each([
    ['dimensions', () => DIMENSIONS.map(dimensionLabel)],
    ['dimensions in a narrow column', () => DIMENSIONS.map(dimensionShortLabel)],
    ['partner types', () => PARTNER_TYPES.map(partnerTypeLabel)],
    ['meeting kinds', () => MEETING_KINDS.map(kindLabel)],
    ['meeting platforms', () => MEETING_PLATFORMS.map(platformLabel)],
    ['agenda answers', () => AGENDA_STATES.map(agendaLabel)],
    ['agenda states in charts', () => AGENDA_STATES.map(agendaStateLabel)],
    ['cadence kinds', () => (['core', 'wider', 'review'] as const).map(cadenceKindLabel)],
    ['question scales', () => (['agree5', 'zeroTen', 'text'] as const).map(scaleLabel)],
    // Every outcome of a pasted code, each refusal with its own message (issue 12).
    ['code outcomes', () => (Object.keys(countOutcomes([])) as CodeOutcome[]).map(outcomeLabel)],
    ['sites read', () => (['meet', 'zoom', 'teams', 'gcal', 'outlook'] as const).map(siteLabel)],
    ['record stores', () => RECORD_STORES.map(storeLabel)],
  ])('%s', (_, labels) => expectDistinctText(labels()));

  it('names a dimension as the messages do', () => {
    expect(dimensionLabel('equity')).toBe('Equity');
  });
});
