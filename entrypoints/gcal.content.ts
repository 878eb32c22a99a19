import { defineContentScript } from '#imports';
import { runReader } from '../utils/platforms/content';
import { gcalReader } from '../utils/platforms/gcal';
import { CALENDAR_MATCHES } from '../utils/platforms/hosts';

export default defineContentScript({
  matches: [...CALENDAR_MATCHES.gcal],
  runAt: 'document_idle',
  main(ctx) {
    runReader(ctx, gcalReader);
  },
});
