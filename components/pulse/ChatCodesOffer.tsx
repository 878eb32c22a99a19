import { useModel } from '@preact/signals';
import type { PulseDatabase } from '../../utils/db/schema';
import { ChatCodesModel } from '../../utils/pulse/chat-codes-model';
import { AutoAddChatCodesModel } from '../../utils/settings/model';
import { formatNumber } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/messages';
import { useModelFor } from '../shared/hooks/useModelFor';
import { useFeed } from '../shared/hooks/useFeed';
import { plural } from '../../utils/i18n/plural';

/**
 * Response codes seen in the call chat: "3 new pulse responses – add them", or added at once
 * when the lead chose that in the settings (off by default). Each code goes to its own pulse,
 * through the paste box's own path (collectCodes), so auto-add never adds a code the paste box
 * would refuse: late ones are held, over-cap and forged ones refused (ChatCodesModel).
 */
export function ChatCodesOffer(props: { db: PulseDatabase; codes: readonly string[] }) {
  const { db, codes } = props;
  const auto = useModel(AutoAddChatCodesModel).on;
  const text = codes.join('\n');
  const model = useModelFor(() => new ChatCodesModel(db, text, auto), '');
  // The chat's codes come as a prop: handed to the model, which keeps what it said it added.
  useFeed(model.setText, text);
  const fresh = model.fresh.value;
  const added = model.added.value;

  if (fresh > 0) {
    return (
      <div class="notice chat-codes" role="status">
        <span>{plural('chatCodesOffer', fresh, formatNumber(fresh))}</span>{' '}
        <button type="button" onClick={() => void model.add()}>
          {t('chatCodesAdd')}
        </button>
      </div>
    );
  }
  if (added) {
    return (
      <p class="status chat-codes" role="status">
        {plural('chatCodesAdded', added, formatNumber(added))}
      </p>
    );
  }
  return null;
}
