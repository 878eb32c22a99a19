import { defineContentScript } from '#imports';
import { runReader } from '../utils/platforms/content';
import { CALENDAR_MATCHES } from '../utils/platforms/hosts';
import { isOutlookCalendarUrl, outlookReader } from '../utils/platforms/outlook';

export default defineContentScript({
  matches: [...CALENDAR_MATCHES.outlook],
  runAt: 'document_idle',
  main(ctx) {
    // The whole origin is matched (mail and calendar share one page); only the calendar is read.
    runReader(ctx, outlookReader, { shouldRead: isOutlookCalendarUrl });
  },
});
