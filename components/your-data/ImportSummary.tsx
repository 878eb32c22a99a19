import type { ImportResult } from '../../utils/your-data/bundle/client';
import { formatNumber } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/messages';
import { importTotals } from '../../utils/your-data/transfer';

/** What an import did, once it is written. */
export function ImportSummary(props: { fileName: string; result: ImportResult }) {
  const totals = importTotals(props.result.counts);
  return (
    <p class="import-summary" data-written={props.result.written}>
      {t(
        'dataImported',
        props.fileName,
        formatNumber(totals.add),
        formatNumber(totals.update),
        formatNumber(totals.unchanged + totals.keepLocal),
        formatNumber(totals.conflict),
      )}
    </p>
  );
}
