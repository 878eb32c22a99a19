import { t, type MessageKey } from '../../i18n/messages';

/** What is wrong with an imported file, and where. */
export interface Problem {
  /** The file name the user chose. */
  file: string;
  /** Where: e.g. "meetings[12] (id 3f…)" or "row 14". */
  record?: string;
  /** e.g. "startAt", "attendees[3].displayName" or a CSV column name. */
  field?: string;
  line?: number;
  column?: number;
  /** Localised with t(): says what is wrong. */
  message: string;
  /**
   * The message key and its substitutions, so a page can word a problem found in the bundle
   * worker again with its own t(): see relocalise().
   */
  key?: MessageKey;
  subs?: string[];
}

/** The import was refused: nothing was written. */
export class ImportRejected extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map(describeProblem).join('\n'));
    this.name = 'ImportRejected';
  }
}

/** One line: "file › record › field (line 2, column 5): message". */
export function describeProblem(problem: Problem): string {
  const where = [problem.file, problem.record, problem.field].filter((part) => part !== undefined && part !== '');
  const at =
    problem.line !== undefined
      ? ` (${localise('bundle_problem_at', [String(problem.line), String(problem.column ?? 1)])})`
      : '';
  return `${where.join(' › ')}${at}: ${problem.message}`;
}

type Messages = Record<string, { message: string }>;
let workerMessages: Messages | undefined;

/**
 * The bundle worker has no extension i18n API: it reads the messages file itself and hands it
 * here, so the problems and conflicts it finds are worded as on the page.
 */
export function useMessages(messages: Messages): void {
  workerMessages = messages;
}

/** t() where the extension's i18n exists, else the messages given to useMessages(), else the key. */
export function localise(key: MessageKey, subs: readonly string[] = []): string {
  try {
    return t(key, ...subs);
  } catch {
    const entry = workerMessages?.[key];
    if (!entry) return [key, ...subs].join(' ');
    return entry.message.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
  }
}

/** The same problems with their messages made again by this page's t(). */
export function relocalise(problems: readonly Problem[]): Problem[] {
  return problems.map((problem) =>
    problem.key ? { ...problem, message: localise(problem.key, problem.subs) } : problem,
  );
}

export const MAX_PROBLEMS = 50;

/** Collects problems up to MAX_PROBLEMS, counting the rest. */
export class ProblemList {
  readonly problems: Problem[] = [];
  private more = 0;

  constructor(readonly file: string) {}

  get count(): number {
    return this.problems.length + this.more;
  }

  get full(): boolean {
    return this.problems.length >= MAX_PROBLEMS;
  }

  add(where: Omit<Problem, 'file' | 'message' | 'key' | 'subs'>, key: MessageKey, ...subs: string[]): void {
    if (this.full) {
      this.more += 1;
      return;
    }
    this.problems.push({ file: this.file, ...where, message: localise(key, subs), key, subs });
  }

  /** Throws ImportRejected when anything was found, with a last line for the problems left out. */
  throwIfAny(): void {
    if (this.count === 0) return;
    const listed = [...this.problems];
    if (this.more > 0) {
      const subs = [String(this.more)];
      listed.push({
        file: this.file,
        message: localise('bundle_problem_more', subs),
        key: 'bundle_problem_more',
        subs,
      });
    }
    throw new ImportRejected(listed);
  }
}
