import { defineContentScript } from '#imports';
import { runReader } from '../utils/platforms/content';
import { runChatCodes } from '../utils/platforms/chat-codes';
import { CALL_MATCHES } from '../utils/platforms/hosts';
import { teamsReader } from '../utils/platforms/teams';

export default defineContentScript({
  matches: [...CALL_MATCHES.teams],
  runAt: 'document_idle',
  main(ctx) {
    runReader(ctx, teamsReader);
    runChatCodes(ctx, 'teams');
  },
});
