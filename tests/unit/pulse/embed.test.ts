import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { embeddedInvite, widgetWithInvite } from '../../../utils/pulse/embed';
import { decodeInvite, encodeInvite } from '../../../utils/pulse/invite';
import { makeSeatToken } from '../../../utils/pulse/seats';
import { sampleInvite } from './helpers';

const WIDGET = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta name="pp-invite" content="">
    <title>Partnership pulse</title>
    <script type="module">const x = '<meta name="pp-invite" content="">';</script>
  </head>
  <body><div id="app"></div></body>
</html>`;

function parse(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

describe('widgetWithInvite', () => {
  it('writes the encoded invite into the meta tag the widget reads, and changes nothing else', async () => {
    const invite = await sampleInvite();
    const html = widgetWithInvite(WIDGET, invite);
    expect(html).toBe(WIDGET.replace('content="">', `content="${encodeInvite(invite)}">`));
    expect(decodeInvite(embeddedInvite(parse(html)))).toEqual({ ok: true, invite });
  });

  it('finds the meta tag in the widget page as written in widget/pulse.html, however it is closed', async () => {
    const invite = await sampleInvite();
    const source = readFileSync(join(process.cwd(), 'widget/pulse.html'), 'utf8');
    expect(decodeInvite(embeddedInvite(parse(widgetWithInvite(source, invite))))).toEqual({ ok: true, invite });
    const selfClosed = WIDGET.replace('content="">', 'content="" />');
    expect(decodeInvite(embeddedInvite(parse(widgetWithInvite(selfClosed, invite))))).toEqual({ ok: true, invite });
  });

  it('keeps a hostile partnership name and seat label inside the attribute', async () => {
    const hostile = `"></meta><script>alert('x')</script><!-- ' & </head>`;
    const invite = await sampleInvite({
      partnershipName: hostile,
      seat: { token: makeSeatToken(), label: hostile },
    });
    const html = widgetWithInvite(WIDGET, invite);
    expect(html).not.toContain('alert(');
    expect(html).not.toContain(hostile);
    const doc = parse(html);
    expect(doc.querySelectorAll('script')).toHaveLength(1);
    expect(doc.head.querySelectorAll('meta')).toHaveLength(2);
    const decoded = decodeInvite(embeddedInvite(doc));
    expect(decoded.ok && decoded.invite.partnershipName).toBe(hostile);
    expect(decoded.ok && decoded.invite.seat?.label).toBe(hostile);
  });

  it('replaces the invite of a copy that already has one', async () => {
    const first = await sampleInvite({ partnershipName: 'First' });
    const second = await sampleInvite({ partnershipName: 'Second' });
    const html = widgetWithInvite(widgetWithInvite(WIDGET, first), second);
    expect(html).toBe(widgetWithInvite(WIDGET, second));
  });

  it('refuses HTML that is not the widget', async () => {
    const invite = await sampleInvite();
    expect(() => widgetWithInvite('<html><head></head></html>', invite)).toThrow(/pp-invite/);
  });
});

describe('embeddedInvite', () => {
  it('is empty for the plain widget and for a page without the tag', () => {
    expect(embeddedInvite(parse(WIDGET))).toBe('');
    expect(embeddedInvite(parse('<p>hello</p>'))).toBe('');
  });
});
