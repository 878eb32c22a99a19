import { defineContentScript } from '#imports';
import { runReader } from '../utils/platforms/content';
import { runChatCodes } from '../utils/platforms/chat-codes';
import { CALL_MATCHES } from '../utils/platforms/hosts';
import { meetReader } from '../utils/platforms/meet';

export default defineContentScript({
  matches: [...CALL_MATCHES.meet],
  runAt: 'document_idle',
  main(ctx) {
    runReader(ctx, meetReader);
    runChatCodes(ctx, 'meet');
  },
});
