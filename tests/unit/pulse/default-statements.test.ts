import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_STATEMENTS } from '../../../utils/pulse/default-statements';
import { DIMENSIONS } from '../../../utils/db/records';

describe('DEFAULT_STATEMENTS', () => {
  it("are the extension's English default statements, word for word", () => {
    const messages = JSON.parse(readFileSync('public/_locales/en/messages.json', 'utf8')) as Record<
      string,
      { message: string }
    >;
    for (const dimension of DIMENSIONS) {
      expect(DEFAULT_STATEMENTS[dimension]).toBe(messages[`pulseQuestion_${dimension}`]!.message);
    }
  });
});
