import { formatNumber } from '../../utils/i18n/format';
import type { Cell, ChartTable } from '../../utils/dashboard/table';

/** A cell as the page shows it: numbers and dates in the reader's locale (the CSV keeps them plain). */
function shown(cell: Cell): string {
  if (typeof cell === 'number') return formatNumber(cell, { maximumFractionDigits: 2 });
  return typeof cell === 'object' ? cell.shown : cell;
}

/** A chart's data as a plain table: for screen readers, and for copying into a report. */
export function DataTable(props: { id: string; caption: string; table: ChartTable }) {
  const { id, caption, table } = props;
  return (
    <div class="table-wrap" id={id}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {table.columns.map((column) => (
              <th scope="col" key={column}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, r) => (
            <tr key={r}>
              {row.map((cell, c) =>
                c === 0 ? (
                  <th scope="row" key={c}>
                    {shown(cell)}
                  </th>
                ) : (
                  <td key={c} class={typeof cell === 'number' ? 'number' : undefined}>
                    {shown(cell)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
