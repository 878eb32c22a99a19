import { describe, expect, it } from 'vitest';
import { databaseDigest } from '../../../../utils/db/digest';
import { listPublishedResults } from '../../../../utils/db/published';
import type { PublishedResult } from '../../../../utils/db/records';
import type { PulseDatabase } from '../../../../utils/db/schema';
import { ImportRejected, type Problem } from '../../../../utils/your-data/bundle/problems';
import { buildCoordinatorFile } from '../../../../utils/your-data/coordinator/export';
import { COORDINATOR_LIMITS, type CoordinatorFile } from '../../../../utils/your-data/coordinator/format';
import { importCoordinatorFile } from '../../../../utils/your-data/coordinator/import';
import { parseCoordinatorFile } from '../../../../utils/your-data/coordinator/read';
import { buildQuestions, defaultCoreWording } from '../../../../utils/pulse/questions';
import { DAY, partnership, publishedResult, pulse, response, shownGroup, T0 } from '../../../factories';
import { freshDb } from '../../db/helpers';

const NOW = T0 + 30 * DAY;

/** A lead's real export: two closed pulses (one with comments), one open pulse left out. */
function leadFile(includeComments = true): CoordinatorFile {
  const questions = buildQuestions(defaultCoreWording());
  const closed = pulse({ id: 'pulse-a', partnershipId: 'p-1', questions, expiresAt: T0 + 7 * DAY });
  const open = pulse({ id: 'pulse-open', partnershipId: 'p-1', questions, expiresAt: NOW + DAY });
  const responses = [4, 5, 3, 2].map((trust, i) =>
    response({
      id: `r-${i}`,
      pulseId: i < 3 ? 'pulse-a' : 'pulse-open',
      partnerType: 'core',
      organisationId: 'org-secret',
      answers: { trust, equity: 3, flexibility: 4, communication: null },
      comment: `comment ${i}`,
    }),
  );
  return buildCoordinatorFile(
    { partnerships: [partnership({ id: 'p-1', name: 'Northmoor' })], pulses: [closed, open], responses },
    { includeComments, now: NOW, app: '1.0.0' },
  );
}

const text = (file: unknown) => JSON.stringify(file);

function problemsOf(run: () => unknown): Problem[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ImportRejected);
    return (error as ImportRejected).problems;
  }
  throw new Error('accepted');
}

/** The file with its first result changed by `edit`. */
function tampered(edit: (result: PublishedResult & Record<string, unknown>, file: Record<string, unknown>) => void) {
  const file = structuredClone(leadFile()) as CoordinatorFile & Record<string, unknown>;
  edit(file.publishedResults[0] as PublishedResult & Record<string, unknown>, file);
  return text(file);
}

const refused = (fileText: string) => problemsOf(() => parseCoordinatorFile(fileText, 'summary.json', NOW));
const messages = (problems: Problem[]) => problems.map((p) => `${p.record ?? ''} ${p.field ?? ''}: ${p.message}`);

describe("the lead's coordinator export", () => {
  it('holds closed pulses only, and reads back as it was written', () => {
    const file = leadFile();
    expect(file.kind).toBe('coordinator-summary');
    expect(file.publishedResults.map((r) => r.pulseId)).toEqual(['pulse-a']);
    expect(parseCoordinatorFile(text(file), 'summary.json', NOW)).toEqual(file);
    expect(text(file)).not.toContain('org-secret');
    expect(text(file)).not.toContain('r-0');
  });
});

describe('the shared-link flag', () => {
  it('marks a shared-link pulse within its cap, not a personal-link one, and reads back', () => {
    const shared = leadFile();
    // No seats given: every pulse was answered through the shared link, none of its answers refused.
    expect(shared.publishedResults.map((r) => [r.sharedLink, r.unverified])).toEqual([[true, 0]]);
    expect(parseCoordinatorFile(text(shared), 'summary.json', NOW).publishedResults[0]!.sharedLink).toBe(true);
    const questions = buildQuestions(defaultCoreWording());
    const personal = buildCoordinatorFile(
      {
        partnerships: [partnership({ id: 'p-1', name: 'Northmoor' })],
        pulses: [pulse({ id: 'pulse-a', partnershipId: 'p-1', questions, expiresAt: T0 + 7 * DAY })],
        responses: [],
        seated: new Set(['pulse-a']),
      },
      { includeComments: false, now: NOW, app: '1.0.0' },
    );
    expect(personal.publishedResults[0]).not.toHaveProperty('sharedLink');
    // A file written before the flag existed still reads.
    expect(parseCoordinatorFile(text(personal), 'summary.json', NOW)).toEqual(personal);
  });
});

describe("an attacker's coordinator file is refused, saying what and where", () => {
  it('figures off the scale', () => {
    const problems = refused(
      tampered((r) => {
        const group = r.questions[0]!.overall as {
          mean: number;
          distribution: Array<{ value: number; count: number }>;
        };
        group.distribution[4]!.value = 1e300;
      }),
    );
    expect(messages(problems)).toEqual([
      expect.stringMatching(
        /^publishedResults\[0\] \(id pulse-a\) questions\[0\]\.overall\.distribution: Expected one count for each value of the question's scale \(1, 2, 3, 4, 5\)/,
      ),
    ]);
    const mean = refused(
      tampered((r) => {
        (r.questions[0]!.overall as { mean: number }).mean = 1e300;
      }),
    );
    expect(messages(mean)[0]).toMatch(
      /questions\[0\]\.overall\.mean: The mean 1e\+300 does not match the distribution \(which gives 4\)/,
    );
  });

  it('a group under the threshold with figures', () => {
    const problems = refused(
      tampered((r) => {
        r.questions[0]!.byPartnerType.wider = shownGroup([0, 0, 0, 0, 1]);
      }),
    );
    expect(messages(problems)).toContainEqual(
      expect.stringMatching(
        /questions\[0\]\.byPartnerType\.wider\.n: A group shows figures from fewer answers than the threshold of 3 \(answers: 1\)/,
      ),
    );
  });

  it('a threshold under the minimum, which would let groups of one through', () => {
    const problems = refused(
      tampered((r) => {
        r.threshold = 1;
      }),
    );
    expect(messages(problems)[0]).toMatch(/threshold: Expected a whole number from 2 to 1000, found 1/);
  });

  it('a figure beside a hidden group, and a shown part of a hidden whole', () => {
    const figure = refused(
      tampered((r) => {
        Object.assign(r.questions[0]!.byPartnerType.lead, { n: 1, mean: 5 });
      }),
    );
    expect(messages(figure)).toContainEqual(
      expect.stringMatching(/byPartnerType\.lead\.n: A hidden group carries a figure/),
    );

    const part = refused(
      tampered((r) => {
        r.questions[0]!.overall = { hidden: true, reason: 'below-threshold' };
      }),
    );
    expect(messages(part)).toContainEqual(
      expect.stringMatching(
        /questions\[0\]\.byPartnerType: A partner type shows a figure although all answers are hidden/,
      ),
    );
  });

  it('a group whose answers and "prefer not to say" add up to more than the pulse had', () => {
    // Three responses: a shown group of three rated answers cannot also hold 40 who preferred not to say.
    const problems = refused(
      tampered((r) => {
        const core = shownGroup([0, 0, 1, 1, 1], 40);
        r.questions[0]!.overall = core;
        r.questions[0]!.byPartnerType.core = core;
      }),
    );
    expect(messages(problems)).toContainEqual(
      expect.stringMatching(
        /questions\[0\]\.overall\.preferNotToSay: A group counts more answers than the pulse has responses \(answers: 43, responses: 3\)/,
      ),
    );
    expect(messages(problems)).toContainEqual(
      expect.stringMatching(
        /byPartnerType\.core\.preferNotToSay: A group counts more answers than the pulse has responses \(answers: 43/,
      ),
    );
  });

  it('shown groups that leave a small hidden remainder (differencing)', () => {
    const problems = refused(
      tampered((r) => {
        r.responses = 4;
        r.questions[0]!.overall = shownGroup([0, 0, 1, 1, 2]);
      }),
    );
    expect(messages(problems)).toContainEqual(
      expect.stringMatching(
        /byPartnerType: The hidden partner types would hold fewer answers than the threshold of 3 \(answers: 1\)/,
      ),
    );
  });

  it('individual rows smuggled in, at the top or inside a result', () => {
    const top = refused(
      tampered((_r, file) => {
        file.responses = [{ id: 'r-0', partnerType: 'core', answers: { trust: 2 } }];
      }),
    );
    expect(messages(top)).toEqual([expect.stringMatching(/^ responses: Unknown field "?responses"?/)]);
    const inside = refused(
      tampered((r) => {
        r.answers = [{ organisationId: 'org-secret', trust: 2 }];
      }),
    );
    expect(messages(inside)).toEqual([
      expect.stringMatching(/publishedResults\[0\] \(id pulse-a\) answers: Unknown field/),
    ]);
  });

  it('a "shared link" flag that is anything but true', () => {
    for (const value of [false, 'yes', 1, null]) {
      const problems = refused(
        tampered((r) => {
          (r as Record<string, unknown>).sharedLink = value;
        }),
      );
      expect(messages(problems)).toEqual([expect.stringMatching(/publishedResults\[0\] \(id pulse-a\) sharedLink: /)]);
    }
  });

  it('stamps from the future, and a pulse that has not closed', () => {
    const future = refused(
      tampered((r) => {
        r.updatedAt = Date.UTC(2099, 0, 1);
      }),
    );
    expect(messages(future)).toEqual([
      expect.stringMatching(/updatedAt: A time from the future \(2099-01-01T00:00:00\.000Z\)/),
    ]);
    const open = refused(
      tampered((r) => {
        r.closedAt = NOW + 60_000;
      }),
    );
    expect(messages(open)).toEqual([expect.stringMatching(/closedAt: This pulse has not closed yet/)]);
  });

  it('unsafe or mismatched ids', () => {
    const problems = refused(
      tampered((r) => {
        r.partnershipId = '../__proto__';
        r.questions[0]!.id = '<img src=x>';
      }),
    );
    expect(messages(problems)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/ partnershipId: An id may hold only letters/),
        expect.stringMatching(/questions\[0\]\.id: An id may hold only letters/),
      ]),
    );
    const proto = refused(tampered((r) => void (r.pulseId = 'other-pulse')));
    expect(messages(proto)).toEqual([expect.stringMatching(/pulseId: A published result's id is its pulse's id/)]);
  });

  it('comments the lead did not include, or of a group that shows nothing', () => {
    const notChosen = refused(
      tampered((_r, file) => {
        file.includesComments = false;
      }),
    );
    expect(messages(notChosen)).toEqual([
      expect.stringMatching(/comments: Comments are here although the file says they were not included/),
    ]);
    const hiddenGroup = refused(
      tampered((r) => {
        r.comments = [...(r.comments ?? []), { partnerType: 'wider', texts: ['the only wider partner'] }];
      }),
    );
    expect(messages(hiddenGroup)).toEqual([
      expect.stringMatching(/comments\[1\]\.partnerType: Comments of the wider group, which shows no result/),
    ]);
  });

  it('an oversized file, by its size before it is read and by its text', async () => {
    const db = await freshDb('oversized');
    const before = await databaseDigest(db);
    const size = COORDINATOR_LIMITS.fileBytes + 1;
    const huge = { name: 'huge.json', size, text: () => Promise.reject(new Error('read')) };
    await expect(importCoordinatorFile(db, huge, NOW)).rejects.toThrow(
      /huge\.json: The file is too large: 21 MB, at most 20 MB/,
    );
    expect(await databaseDigest(db)).toBe(before);
    const padded = tampered((r) => void (r.partnershipName = 'x'.repeat(COORDINATOR_LIMITS.fileBytes)));
    expect(messages(refused(padded))[0]).toMatch(/The file is too large: 21 MB/);
    // A 20 MB text checked twice: seconds of CPU on a loaded two-core machine.
  }, 30_000);
});

describe("importing into a coordinator's extension", () => {
  async function coordinator(label: string): Promise<PulseDatabase> {
    return freshDb(label);
  }
  const asFile = (fileText: string, name = 'summary.json') => ({
    name,
    size: fileText.length,
    text: () => Promise.resolve(fileText),
  });

  it('stores the results once each; a refused file changes nothing stored', async () => {
    const db = await coordinator('import');
    const good = text(leadFile());
    expect(await importCoordinatorFile(db, asFile(good), NOW)).toEqual({ results: 1, added: 1, updated: 0, kept: 0 });
    expect((await listPublishedResults(db)).map((r) => r.pulseId)).toEqual(['pulse-a']);
    expect(await importCoordinatorFile(db, asFile(good), NOW)).toEqual({ results: 1, added: 0, updated: 0, kept: 1 });

    const before = await databaseDigest(db);
    // One good result and one forged: all or nothing.
    const mixed = JSON.parse(good) as CoordinatorFile;
    mixed.publishedResults.push(publishedResult({ id: 'pulse-b', partnershipId: 'p-1', threshold: 1 }));
    await expect(importCoordinatorFile(db, asFile(text(mixed)), NOW)).rejects.toBeInstanceOf(ImportRejected);
    expect(await databaseDigest(db)).toBe(before);
  });

  it('a later export of the same pulse replaces it; a replayed older one is kept out', async () => {
    const db = await coordinator('replay');
    const newer = {
      ...leadFile(false),
      publishedResults: [publishedResult({ id: 'pulse-c', partnershipId: 'p-1', updatedAt: T0 + 9 * DAY })],
    };
    const older = {
      ...newer,
      publishedResults: [
        publishedResult({ id: 'pulse-c', partnershipId: 'p-1', updatedAt: T0 + 8 * DAY, partnershipName: 'Old name' }),
      ],
    };
    await importCoordinatorFile(db, asFile(text(newer)), NOW);
    expect(await importCoordinatorFile(db, asFile(text(older)), NOW)).toMatchObject({ kept: 1, added: 0, updated: 0 });
    expect((await listPublishedResults(db))[0]!.partnershipName).toBe('Northmoor Hardship Partnership');
  });

  it('a later copy of a shared-link pulse cannot drop its mark: the figures are replaced, the mark stays', async () => {
    const db = await coordinator('shared-mark');
    const first = {
      ...leadFile(false),
      publishedResults: [
        publishedResult({ id: 'pulse-d', partnershipId: 'p-1', updatedAt: T0 + 8 * DAY, sharedLink: true }),
      ],
    };
    // The same pulse again, later, with the flag left out and its figures changed.
    const dropped = structuredClone(first);
    const forged = dropped.publishedResults[0]! as PublishedResult & Record<string, unknown>;
    delete forged.sharedLink;
    forged.updatedAt = T0 + 9 * DAY;
    forged.partnershipName = 'Renamed';
    await importCoordinatorFile(db, asFile(text(first)), NOW);
    expect(await importCoordinatorFile(db, asFile(text(dropped)), NOW)).toMatchObject({ updated: 1 });
    const [stored] = await listPublishedResults(db);
    expect(stored!.partnershipName).toBe('Renamed');
    expect(stored!.updatedAt).toBe(T0 + 9 * DAY);
    expect(stored!.sharedLink).toBe(true);

    // A personal-link pulse stays unmarked, and one first seen without the mark is taken as sent
    // (the file's sender is trusted for that: docs/privacy.md).
    const personal = {
      ...first,
      publishedResults: [publishedResult({ id: 'pulse-e', partnershipId: 'p-1', updatedAt: T0 + 8 * DAY })],
    };
    await importCoordinatorFile(db, asFile(text(personal)), NOW);
    expect((await listPublishedResults(db)).find((r) => r.id === 'pulse-e')).not.toHaveProperty('sharedLink');
  });
});
