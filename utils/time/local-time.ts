/** `<input type="datetime-local">` values ('YYYY-MM-DDTHH:mm', local time) ↔ epoch ms. */

const pad = (n: number) => String(n).padStart(2, '0');

export function toLocalInput(epochMs: number): string {
  const d = new Date(epochMs);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function fromLocalInput(value: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const date = new Date(y, mo - 1, d, h, mi);
  // Reject dates the Date constructor silently rolled over (e.g. 31 February).
  return date.getMonth() === mo - 1 && date.getDate() === d ? date.getTime() : null;
}
