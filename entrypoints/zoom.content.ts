import { defineContentScript } from '#imports';
import { runReader } from '../utils/platforms/content';
import { runChatCodes } from '../utils/platforms/chat-codes';
import { CALL_MATCHES } from '../utils/platforms/hosts';
import { hostsZoomClient, zoomReader } from '../utils/platforms/zoom';

export default defineContentScript({
  matches: [...CALL_MATCHES.zoom],
  // The Zoom web app runs the meeting in a same-origin iframe#webclient on the same /wc/ address.
  allFrames: true,
  runAt: 'document_idle',
  main(ctx) {
    // The page that only hosts the client in its frame reads neither: the frame's script does.
    const shouldRead = () => !hostsZoomClient(document);
    runReader(ctx, zoomReader, { shouldRead });
    runChatCodes(ctx, 'zoom', document, shouldRead);
  },
});
