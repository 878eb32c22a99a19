import { useModel } from '@preact/signals';
import { useEffect, useState } from 'preact/hooks';
import type { PulseDatabase } from '../../utils/db/schema';
import { collectChatCodes, previewChatCodes } from '../../utils/pulse/collect';
import { AutoAddChatCodesModel } from '../../utils/settings/model';
import { formatNumber } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/messages';
import { useLiveQuery } from '../shared/hooks/useLiveQuery';

/**
 * Response codes seen in the call chat: "3 new pulse responses – add them", or added at once
 * when the lead chose that in the settings (off by default). Each code goes to its own pulse,
 * through the paste box's own path (collectCodes), so auto-add never adds a code the paste box
 * would refuse: late ones are held, over-cap and forged ones refused.
 */
export function ChatCodesOffer(props: { db: PulseDatabase; codes: readonly string[] }) {
  const { db, codes } = props;
  const [fresh, setFresh] = useState(0);
  const [added, setAdded] = useState<number | null>(null);
  const auto = useModel(AutoAddChatCodesModel).on.value;
  const text = codes.join('\n');

  // Read again when responses or pulses change: codes added another way (the paste box, another
  // panel) are no longer new.
  const preview = useLiveQuery(
    () => (text ? previewChatCodes(db, text) : Promise.resolve([])),
    ['responses', 'pulses', 'seats'],
    text,
  );

  const add = async () => {
    const reports = await collectChatCodes(db, text);
    setAdded(reports.filter((r) => r.outcome === 'added' || r.outcome === 'replaced').length);
    setFresh(0);
  };

  useEffect(() => {
    if (auto === undefined || !text || !preview) return;
    const count = preview.filter((r) => r.outcome === 'added' || r.outcome === 'replaced').length;
    if (count > 0 && auto) void add();
    else setFresh(count);
    // `add` reads the same text as the preview.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [preview, auto]);

  if (fresh > 0) {
    return (
      <div class="notice chat-codes" role="status">
        <span>{t('chatCodesOffer', formatNumber(fresh))}</span>{' '}
        <button type="button" onClick={() => void add()}>
          {t('chatCodesAdd')}
        </button>
      </div>
    );
  }
  if (added) {
    return (
      <p class="status chat-codes" role="status">
        {t('chatCodesAdded', formatNumber(added))}
      </p>
    );
  }
  return null;
}
