import { afterEach, describe, expect, it, vi } from 'vitest';
import { isChatCodesMessage, mergeChatCodes, readChatCodes, watchChatCodes } from '../../../utils/platforms/chat-codes';
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

describe('mergeChatCodes', () => {
  it('keeps each code once, oldest first, and drops the oldest past the limit', () => {
    expect(mergeChatCodes(undefined, ['a', 'b', 'a'])).toEqual(['a', 'b']);
    expect(mergeChatCodes(['a', 'b'], ['b', 'c'])).toEqual(['a', 'b', 'c']);
    expect(mergeChatCodes(['a', 'b', 'c'], ['d'], 3)).toEqual(['b', 'c', 'd']);
  });
});

describe('isChatCodesMessage', () => {
  it('accepts only a list of strings under its type', () => {
    expect(isChatCodesMessage({ type: 'pp:chat-codes', codes: ['PP1.x'] })).toBe(true);
    expect(isChatCodesMessage({ type: 'pp:chat-codes', codes: [1] })).toBe(false);
    expect(isChatCodesMessage({ type: 'pp:snapshot', codes: [] })).toBe(false);
    expect(isChatCodesMessage(null)).toBe(false);
  });
});
