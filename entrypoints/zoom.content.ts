import { defineContentScript } from '#imports';
import { runReader } from '../utils/platforms/content';
import { runChatCodes } from '../utils/platforms/chat-codes';
import { CALL_MATCHES } from '../utils/platforms/hosts';
import { zoomReader } from '../utils/platforms/zoom';

export default defineContentScript({
  matches: [...CALL_MATCHES.zoom],
  runAt: 'document_idle',
  main(ctx) {
    runReader(ctx, zoomReader);
    runChatCodes(ctx, 'zoom');
  },
});
