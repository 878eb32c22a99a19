import { useState } from 'preact/hooks';
import type { LiveCall } from '../../utils/meeting/attendance/live-call';
import { requestPageOutline } from '../../utils/browser/page-outline';
import { formatNumber } from '../../utils/i18n/format';
import { t, type MessageKey } from '../../utils/i18n/messages';
import type { PagePart } from '../../utils/platforms/snapshot';
import { plural } from '../../utils/i18n/plural';

const SOURCE_LABEL: Record<PagePart, MessageKey> = {
  'people-panel': 'readerSource_peoplePanel',
  tiles: 'readerSource_tiles',
  roster: 'readerSource_roster',
};

/** The chat reader's last word: whether the chat panel is open (undefined: not said yet), and the codes seen. */
export interface ChatHealth {
  open: boolean | undefined;
  codes: number;
}

/**
 * How much of the call page was read, in plain words: where the list came from, whether it holds
 * everyone the page counts, and, when nothing could be read, the page's outline to send.
 */
export function ReaderHealth(props: { call: LiveCall; present: number; chat?: ChatHealth }) {
  const { call, present, chat } = props;
  if (!call.participantsReadable) {
    return (
      <div class="notice reader-health" role="status">
        <p>{t('participantsUnreadable')}</p>
        <PageOutline tabId={call.tabId} />
        {chat && <ChatLine chat={chat} />}
      </div>
    );
  }
  const short = call.pageCount !== undefined ? call.pageCount > present : call.listIsPartial === true;
  return (
    <div class="reader-health">
      {call.source && <p class="meta">{t(SOURCE_LABEL[call.source])}</p>}
      {short && call.pageCount !== undefined && (
        <p class="notice" role="status">
          {plural('participantsCountShort', call.pageCount, formatNumber(present), formatNumber(call.pageCount))}
        </p>
      )}
      {chat && <ChatLine chat={chat} />}
    </div>
  );
}

/** "Chat: read – pulse codes found: 2." / "Chat: not open – …"; nothing before the chat reader has said. */
function ChatLine(props: { chat: ChatHealth }) {
  const { open, codes } = props.chat;
  if (open === undefined) return null;
  return <p class="meta chat-health">{open ? t('readerChatRead', formatNumber(codes)) : t('readerChatNotOpen')}</p>;
}

function PageOutline(props: { tabId: number }) {
  const [status, setStatus] = useState('');
  const copy = async () => {
    const outline = await requestPageOutline(props.tabId);
    if (outline === null) return setStatus(t('pageOutlineFailed'));
    await navigator.clipboard.writeText(outline).then(
      () => setStatus(t('pageOutlineCopied')),
      () => setStatus(t('pageOutlineFailed')),
    );
  };
  return (
    <p>
      {t('pageOutlineHelp')}{' '}
      <button type="button" onClick={() => void copy()}>
        {t('pageOutlineCopy')}
      </button>{' '}
      <span role="status">{status}</span>
    </p>
  );
}
