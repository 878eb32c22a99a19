import 'fake-indexeddb/auto';
import { beforeEach } from 'vitest';
import { fakeBrowser } from '#imports';
import en from '../public/_locales/en/messages.json';

type Messages = Record<string, { message: string }>;

// fakeBrowser leaves i18n unmocked: answer from the English messages, with $1… substitutions and $$.
function getMessage(key: string, substitutions?: string | string[]): string {
  const entry = (en as Messages)[key];
  if (!entry) return '';
  const subs = Array.isArray(substitutions) ? substitutions : substitutions ? [substitutions] : [];
  // $$ is a written dollar sign, as in the browser.
  return entry.message.replace(/\$(\d|\$)/g, (_, n: string) => (n === '$' ? '$' : (subs[Number(n) - 1] ?? '')));
}

beforeEach(() => {
  fakeBrowser.reset();
  fakeBrowser.i18n.getMessage = getMessage as typeof fakeBrowser.i18n.getMessage;
  fakeBrowser.i18n.getUILanguage = () => 'en-GB';
});
