// The four default statements in English, as the partner link refers to them: a link whose
// core question has exactly this wording carries one byte instead of the text, and the widget
// (which has no browser.i18n) shows them from here. tests/unit/pulse/default-statements.test.ts
// keeps them equal to the extension's English messages (pulseQuestion_*).
import type { Dimension } from '../db/records';

export const DEFAULT_STATEMENTS: Readonly<Record<Dimension, string>> = {
  trust: 'I trust the other partners to do what they say they will do.',
  equity: 'Decisions in this partnership are shared fairly; my organisation has real influence.',
  flexibility: 'The partnership adapts to how my organisation works.',
  communication: 'I know what is happening, who is doing what, and I can raise problems.',
};
