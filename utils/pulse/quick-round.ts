import { DIMENSIONS, type Answer, type Dimension, type Membership, type PartnerType } from '../db/records';
import { pulseDraftKey } from '../db/drafts';
import type { ResponseEntry } from './entry';

/**
 * The lead's quick round: organisations (rows) × the four dimensions (columns), for calls where
 * partners say their scores aloud. A cell holds 1–5, null (0 typed: prefer not to say) or
 * nothing yet.
 */
export type QuickRoundCells = Record<string, Partial<Record<Dimension, Answer>>>;

/** The draft key of a pulse's quick round (scores typed but not saved yet). */
export function quickRoundDraftKey(pulseId: string): string {
  return pulseDraftKey('quick-round', pulseId);
}

export interface CellPosition {
  row: number;
  column: number;
}

/** What a key press in a cell means. */
export type CellKeyAction =
  | { kind: 'set'; value: number | null; next: CellPosition | 'end' }
  | { kind: 'clear' }
  | { kind: 'move'; to: CellPosition }
  | { kind: 'ignore' }
  | { kind: 'default' };

/**
 * 1–5 sets the score and 0 "prefer not to say", then moves to the next cell (along the row,
 * then down; 'end' after the last); Backspace/Delete clear; arrows move; other characters are
 * ignored; Tab and shortcuts keep their usual meaning.
 */
export function cellKeyAction(
  key: string,
  at: CellPosition,
  size: { rows: number; columns: number },
  modified = false,
): CellKeyAction {
  if (modified) return { kind: 'default' };
  if (/^[0-5]$/.test(key)) {
    const value = key === '0' ? null : Number(key);
    const nextIndex = at.row * size.columns + at.column + 1;
    const next: CellPosition | 'end' =
      nextIndex >= size.rows * size.columns
        ? 'end'
        : { row: Math.floor(nextIndex / size.columns), column: nextIndex % size.columns };
    return { kind: 'set', value, next };
  }
  if (key === 'Backspace' || key === 'Delete') return { kind: 'clear' };
  const moves: Record<string, CellPosition> = {
    ArrowRight: { row: at.row, column: Math.min(size.columns - 1, at.column + 1) },
    ArrowLeft: { row: at.row, column: Math.max(0, at.column - 1) },
    ArrowDown: { row: Math.min(size.rows - 1, at.row + 1), column: at.column },
    ArrowUp: { row: Math.max(0, at.row - 1), column: at.column },
  };
  if (key in moves) return { kind: 'move', to: moves[key]! };
  // Printable characters other than the scores do nothing; Tab, Enter, Escape… behave as usual.
  return key.length === 1 ? { kind: 'ignore' } : { kind: 'default' };
}

/** One response per organisation with at least one cell filled, typed as the organisation's partner type. */
export function quickRoundEntries(
  cells: QuickRoundCells,
  organisationIds: readonly string[],
  memberships: readonly Pick<Membership, 'organisationId' | 'partnerType' | 'deletedAt'>[],
  newId: () => string = () => crypto.randomUUID(),
): ResponseEntry[] {
  return organisationIds.flatMap((organisationId) => {
    // Own keys only: an organisation id `constructor` must not read Object's.
    const row = (Object.hasOwn(cells, organisationId) ? cells[organisationId] : undefined) ?? {};
    const answers: Record<string, Answer> = {};
    for (const dimension of DIMENSIONS) {
      if (row[dimension] !== undefined) answers[dimension] = row[dimension]!;
    }
    if (Object.keys(answers).length === 0) return [];
    return [{ responseId: newId(), partnerType: partnerTypeOf(organisationId, memberships), organisationId, answers }];
  });
}

function partnerTypeOf(
  organisationId: string,
  memberships: readonly Pick<Membership, 'organisationId' | 'partnerType' | 'deletedAt'>[],
): PartnerType {
  // Not a member (a guest at the meeting): counted with the loosely attached partners.
  return (
    memberships.find((m) => m.organisationId === organisationId && m.deletedAt === undefined)?.partnerType ?? 'wider'
  );
}
