import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from '#imports';
import { localisePage } from '../../../utils/i18n/document';
import { stringsLanguage } from '../../../widget/strings';

const ROOT = path.resolve(__dirname, '../../..');

describe('a page in the language of its messages', () => {
  it('takes <html lang> and its title from the messages in use', () => {
    document.documentElement.lang = 'xx';
    document.title = 'Fixed in index.html';
    localisePage('pageTitlePanel');
    expect(document.documentElement.lang).toBe('en');
    expect(document.title).toBe('Partnership Pulse');
  });

  it('follows another locale’s messages, not the index.html it started from', () => {
    const german: Record<string, string> = {
      messagesLanguage: 'de',
      pageTitleDashboard: 'Partnership Pulse – Übersicht',
    };
    fakeBrowser.i18n.getMessage = ((key: string) => german[key] ?? '') as typeof fakeBrowser.i18n.getMessage;
    localisePage('pageTitleDashboard');
    expect(document.documentElement.lang).toBe('de');
    expect(document.title).toBe('Partnership Pulse – Übersicht');
  });

  it('is what every extension page does at start-up, with its own title', () => {
    const pages = { sidepanel: 'pageTitlePanel', dashboard: 'pageTitleDashboard', options: 'pageTitleManage' };
    for (const [page, title] of Object.entries(pages)) {
      const main = readFileSync(path.join(ROOT, 'entrypoints', page, 'main.tsx'), 'utf8');
      expect(main, page).toContain(`localisePage('${title}');`);
    }
  });

  it('the widget (no extension messages) takes <html lang> from its strings module', () => {
    expect(stringsLanguage).toBe('en');
    const main = readFileSync(path.join(ROOT, 'widget', 'main.ts'), 'utf8');
    expect(main).toContain('document.documentElement.lang = stringsLanguage;');
  });
});
