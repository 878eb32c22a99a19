import { useEffect, useState } from 'preact/hooks';
import type { PulseDatabase } from '../../utils/db/schema';
import { onChange } from '../../utils/db/changes';
import { collectCodes, previewCodes } from '../../utils/pulse/collect';
import { autoAddChatCodes } from '../../utils/settings/settings';
import { formatNumber } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/messages';

/**
 * Response codes seen in the call chat: "3 new pulse responses – add them", or added at once
 * when the lead chose that in the settings. Each code goes to its own pulse.
 */
export function ChatCodesOffer(props: { db: PulseDatabase; codes: readonly string[] }) {
  const { db, codes } = props;
  const [fresh, setFresh] = useState(0);
  const [added, setAdded] = useState<number | null>(null);
  const [auto, setAuto] = useState<boolean | null>(null);
  const [stored, setStored] = useState(0);
  const text = codes.join('\n');

  useEffect(() => {
    void autoAddChatCodes.getValue().then(setAuto);
    const unwatch = autoAddChatCodes.watch((value) => setAuto(!!value));
    // Codes added another way (the paste box, another panel) are no longer new.
    const stop = onChange((change) => {
      if (change.store === 'responses' || change.store === 'pulses') setStored((n) => n + 1);
    });
    return () => {
      unwatch();
      stop();
    };
  }, []);

  const add = async () => {
    const reports = await collectCodes(db, text);
    setAdded(reports.filter((r) => r.outcome === 'added').length);
    setFresh(0);
  };

  useEffect(() => {
    if (auto === null || !text) return;
    let current = true;
    void previewCodes(db, text).then((reports) => {
      if (!current) return;
      const count = reports.filter((r) => r.outcome === 'added').length;
      if (count > 0 && auto) void add();
      else setFresh(count);
    });
    return () => {
      current = false;
    };
    // `add` reads the same text.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [db, text, auto, stored]);

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
