import { t, type MessageKey } from './messages';

/**
 * The language the page's words are in: each locale's messages.json names its own, so a
 * browser whose language has no messages yet (they fall back to English) is told "en", and
 * a screen reader does not read English words with another language's voice.
 */
export function messagesLanguage(): string {
  return t('messagesLanguage');
}

/** At a page's start: <html lang> as its messages, and its title from them (index.html holds one language's). */
export function localisePage(title: MessageKey, doc: Document = document): void {
  doc.documentElement.lang = messagesLanguage();
  doc.title = t(title);
}
