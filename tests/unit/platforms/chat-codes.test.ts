import { afterEach, describe, expect, it, vi } from 'vitest';
import { mergeChatCodes, readChat, readChatCodes, watchChatCodes } from '../../../utils/platforms/chat-codes';
import { meetReader } from '../../../utils/platforms/meet';
import type { CallPlatform } from '../../../utils/platforms/snapshot';
import { documentFrom, fixtureHtml } from './fixture';

const fakeCode = (n: number) => `PP1.${String(n).repeat(10)}AbC_d-EfGhIjKlMnOpQrStUvWxYz0123456789`;
const CODES = [fakeCode(1), fakeCode(2), fakeCode(3)];

function withCodes(path: string): Document {
  return documentFrom(fixtureHtml(path).replace(/\{\{CODE_(\d)\}\}/g, (_, n: string) => CODES[Number(n) - 1]!));
}

afterEach(() => {
  vi.useRealTimers();
});

describe('readChatCodes', () => {
  const cases: Array<[CallPlatform, string, string[]]> = [
    ['meet', 'meet/chat-codes.html', CODES],
    ['zoom', 'zoom/chat-codes.html', CODES.slice(0, 2)],
    ['teams', 'teams/chat-codes.html', CODES.slice(0, 2)],
  ];
  for (const [platform, fixture, expected] of cases) {
    it(`finds the codes in ${platform}'s chat messages, in order, once each, and nothing from a sender's name`, () => {
      const codes = readChatCodes(withCodes(fixture), platform);
      expect(codes).toEqual(expected);
      expect(codes.join(' ')).not.toContain('StrangeDisplayName');
    });
  }

  it('finds nothing in a call page without codes in its chat', () => {
    expect(readChatCodes(documentFrom(fixtureHtml('meet/small-call.html')), 'meet')).toEqual([]);
    expect(readChatCodes(documentFrom(fixtureHtml('zoom/small-call.html')), 'zoom')).toEqual([]);
    expect(readChatCodes(documentFrom(fixtureHtml('teams/small-call.html')), 'teams')).toEqual([]);
  });

  it('takes a code only whole: not glued to other text, not too short to be one', () => {
    const doc = documentFrom(
      `<div data-message-id="a">xPP1.${'A'.repeat(30)} PP1.short (${fakeCode(4)}) ${fakeCode(5)}.</div>`,
    );
    expect(readChatCodes(doc, 'meet')).toEqual([fakeCode(4), fakeCode(5)]);
  });

  it('leaves the participants read from the same page alone', () => {
    const snapshot = meetReader.read(withCodes('meet/chat-codes.html'), 'https://meet.google.com/xkr-pqnd-tws');
    expect(snapshot.participants?.map((p) => p.name)).toEqual([
      'Grace Mensah',
      'Tom Fairbairn',
      "Dr Siobhan O'Neill",
      'Kwame Asante',
      'Eleanor Whitcombe',
    ]);
  });
});

describe('watchChatCodes', () => {
  it('reports the codes on the page at once, then only new ones as messages arrive', async () => {
    vi.useFakeTimers();
    document.body.innerHTML = `<div id="chat"><div data-message-id="1">${fakeCode(1)}</div></div>`;
    const batches: string[][] = [];
    const stop = watchChatCodes(document, 'meet', (codes) => batches.push(codes), 500);
    expect(batches).toEqual([[fakeCode(1)]]);

    const message = (text: string, id: string) => {
      const div = document.createElement('div');
      div.setAttribute('data-message-id', id);
      div.textContent = text;
      document.getElementById('chat')!.append(div);
    };
    message(`again ${fakeCode(1)}`, '2');
    message('no code here', '3');
    await vi.advanceTimersByTimeAsync(600);
    expect(batches).toEqual([[fakeCode(1)]]);

    message(fakeCode(2), '4');
    await vi.advanceTimersByTimeAsync(600);
    expect(batches).toEqual([[fakeCode(1)], [fakeCode(2)]]);

    stop();
    message(fakeCode(3), '5');
    await vi.advanceTimersByTimeAsync(600);
    expect(batches).toHaveLength(2);
  });
});

describe('whether the chat is open', () => {
  it.each([
    ['meet', 'meet/chat-codes.html', true],
    ['meet', 'meet/small-call.html', false],
    ['zoom', 'zoom/chat-codes.html', true],
    ['zoom', 'zoom/large-call-300.html', false],
    ['teams', 'teams/chat-codes.html', true],
    // Its chat list is in the page, hidden.
    ['teams', 'teams/small-call.html', false],
  ] as Array<[CallPlatform, string, boolean]>)('%s: %s has the chat open: %s', (platform, fixture, open) => {
    expect(readChat(withCodes(fixture), platform).open).toBe(open);
  });

  it('counts an open chat with no message yet as open, with nothing in it', () => {
    const doc = documentFrom('<textarea aria-label="Send a message"></textarea>');
    expect(readChat(doc, 'meet')).toEqual({ codes: [], damaged: [], open: true });
  });

  it('tells the watcher when the chat opens and closes, once each time', async () => {
    vi.useFakeTimers();
    document.body.innerHTML = '<main></main>';
    const calls: Array<[string[], number, boolean]> = [];
    const stop = watchChatCodes(document, 'meet', (...call) => calls.push(call), 100);
    expect(calls).toEqual([[[], 0, false]]);
    document.body.innerHTML = `<aside><div data-message-id="1">${fakeCode(1)}</div></aside>`;
    await vi.advanceTimersByTimeAsync(200);
    expect(calls).toEqual([
      [[], 0, false],
      [[fakeCode(1)], 0, true],
    ]);
    document.body.append(document.createElement('p')); // a change that says nothing new
    await vi.advanceTimersByTimeAsync(200);
    expect(calls).toHaveLength(2);
    document.body.innerHTML = '<main></main>';
    await vi.advanceTimersByTimeAsync(200);
    expect(calls[2]).toEqual([[], 0, false]);
    stop();
  });

  it('says nothing from a frame it is told not to read (the Zoom app page hosting the client)', async () => {
    vi.useFakeTimers();
    document.body.innerHTML = '<iframe id="webclient"></iframe>';
    const calls: unknown[] = [];
    const stop = watchChatCodes(
      document,
      'zoom',
      (...call) => calls.push(call),
      100,
      () => false,
    );
    document.body.append(document.createElement('p'));
    await vi.advanceTimersByTimeAsync(200);
    expect(calls).toEqual([]);
    stop();
  });
});

describe('mergeChatCodes', () => {
  it('keeps each code once, oldest first, and drops the oldest past the limit', () => {
    expect(mergeChatCodes(undefined, ['a', 'b', 'a'])).toEqual(['a', 'b']);
    expect(mergeChatCodes(['a', 'b'], ['b', 'c'])).toEqual(['a', 'b', 'c']);
    expect(mergeChatCodes(['a', 'b', 'c'], ['d'], 3)).toEqual(['b', 'c', 'd']);
  });
});

describe('readChat: Meet pin controls inside a message', () => {
  // 2026 layouts: the pin controls sit inside the [data-message-id] node, and the pin button
  // carries data-message-id itself.
  const pinned = (text: string, id: string) =>
    `<div data-message-id="${id}"><div jsname="dTKtvb">${text}</div>` +
    `<div><span aria-hidden="true" class="google-material-icons">keep</span>` +
    `<button data-message-id="${id}" aria-label="Pin message"><i aria-hidden="true">keep</i></button>` +
    `<div role="tooltip">Hover over a message to pin it</div><span>Hover over a message to pin it</span></div></div>`;

  it('reads both codes that end their messages, nothing glued to them', () => {
    const doc = documentFrom(pinned(`Here is mine: ${fakeCode(1)}`, 'm1') + pinned(fakeCode(2), 'm2'));
    expect(readChat(doc, 'meet')).toEqual({ codes: [fakeCode(1), fakeCode(2)], damaged: [], open: true });
  });

  it('reports a code-shaped string that is not a whole code instead of dropping it silently', () => {
    const doc = documentFrom(pinned(`mine: PP1.AbCdEf (sorry, cut off) and ${fakeCode(3)}`, 'm1'));
    expect(readChat(doc, 'meet')).toEqual({ codes: [fakeCode(3)], damaged: ['PP1.AbCdEf'], open: true });
  });

  it('reads no code from the controls inside a message (a shortened copy in a button or hidden preview is no damaged code)', () => {
    const id = 'm1';
    const doc = documentFrom(
      `<div data-message-id="${id}"><div jsname="dTKtvb">${fakeCode(1)}</div>` +
        `<button aria-label="Copy"><span>Copy PP1.1111111111…</span></button>` +
        `<span aria-hidden="true">PP1.11111</span><div role="tooltip">PP1.111 pinned</div></div>`,
    );
    expect(readChat(doc, 'meet')).toEqual({ codes: [fakeCode(1)], damaged: [], open: true });
  });

  it('reads the 2026 pin layout fixture: both codes that end messages, the cut-off one reported', () => {
    const doc = withCodes('meet/chat-pin-2026.html');
    // The fixture has the trap: the message node's whole text runs the code into the pin controls.
    const m3 = doc.querySelector('[data-message-id="spaces/xkr-pqnd-tws/messages/m3"]:not(button)');
    expect(m3?.textContent).toContain(`${fakeCode(2)}Hover over a message to pin it`);
    expect(readChat(doc, 'meet')).toEqual({
      codes: [fakeCode(1), fakeCode(2)],
      damaged: ['PP1.Qm9vYmFyQmF6'],
      open: true,
    });
  });

  it('tells the watcher how many damaged codes it has seen', async () => {
    vi.useFakeTimers();
    document.body.innerHTML = pinned('PP1.cut', 'm1');
    const calls: Array<[string[], number, boolean]> = [];
    const stop = watchChatCodes(document, 'meet', (...call) => calls.push(call), 100);
    expect(calls).toEqual([[[], 1, true]]);
    stop();
  });
});
