import { describe, expect, it } from 'vitest';
import { browserName, scrubMessage, scrubStack } from '../../../utils/errors/scrub';

describe('scrubbing a message', () => {
  it.each([
    ['quoted text', `Cannot find partnership "Leeds Food Network"`, `Cannot find partnership "…"`],
    ['single quotes', `reading 'Age UK Leeds'`, `reading '…'`],
    ['typographic quotes', 'Saved “Board minutes” twice', 'Saved “…” twice'],
    ['backticks', 'Unknown tag `Mental health`', 'Unknown tag `…`'],
    ['an email', 'No person for sam.jones@ageuk.example here', 'No person for <email> here'],
    ['a non-Latin email', 'Invite 张伟@例子.公司 failed', 'Invite <email> failed'],
    [
      "a URL's query and fragment",
      'Failed to load https://meet.google.com/abc-defg-hij?authuser=sam@x.example#chat now',
      'Failed to load https://meet.google.com/abc-defg-hij now',
    ],
    [
      'a fragment alone',
      'Bad invite moz-extension://x/pulse.html#PP1.secret-invite',
      'Bad invite moz-extension://x/pulse.html',
    ],
    [
      "a file's folders",
      'Cannot open file:///home/sam.jones/Downloads/pulse.html#PP1.x here',
      'Cannot open file:///…/pulse.html here',
    ],
    ['a phone number', 'Call 0113 496 0000 back', 'Call <number> back'],
    ['a long number', 'Tab 123456 is gone', 'Tab <number> is gone'],
    ['a record id', 'No meeting 3f2504e0-4f89-41d3-9a0c-0305e82c3301', 'No meeting <id>'],
    ['a record label', 'Duplicate organisation name: Age UK Leeds (core)', 'Duplicate organisation name: …'],
    ['notes', 'Could not save notes: Sam is leaving in March', 'Could not save notes: …'],
    ['a display name', 'Unmatched display name:Dr Priya Shah', 'Unmatched display name: …'],
    [
      'names not quoted or labelled',
      'Attendee Sam Jones not mapped to Leeds Food Network',
      // The first word goes too: followed by a name, it may be one.
      '… not mapped to …',
    ],
    ['a name that starts the message', 'Priya Shah left the call', '… left the call'],
    ['a name in a script without capitals', '找不到 张伟 的组织', '…'],
    ['a capitalised non-Latin name', 'No match for Иван Петров today', 'No match for … today'],
    ['a name before punctuation', 'Chair is Dr. Shah, not Age UK.', 'Chair is …, not ….'],
  ])('removes %s', (_, message, expected) => {
    expect(scrubMessage(message)).toBe(expected);
  });

  it('keeps what says what went wrong', () => {
    expect(scrubMessage('Cannot read properties of undefined (reading x)')).toBe(
      'Cannot read properties of undefined (reading x)',
    );
    expect(scrubMessage('Tab 42 closed at step 3')).toBe('Tab 42 closed at step 3');
    expect(
      scrubMessage(
        "Failed to execute 'transaction' on 'IDBDatabase': One of the specified object stores was not found.",
      ),
    ).toBe("Failed to execute '…' on '…': One of the specified object stores was not found.");
  });

  it('cuts a very long message short', () => {
    expect(scrubMessage('x'.repeat(2_000))).toHaveLength(501);
  });
});

describe('scrubbing a stack', () => {
  const CHROME_BASE = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/';

  it("keeps Chrome's frames with extension-relative paths, without the message line on top", () => {
    const stack = [
      'TypeError: Cannot read "Sam Jones" of sam@x.example',
      `    at saveMeeting (${CHROME_BASE}chunks/sidepanel-DUb5RaKP.js:1:2345)`,
      `    at ${CHROME_BASE}chunks/records.js?v=1:3:4`,
      '    at https://meet.google.com/abc-defg-hij?pli=1:10:20',
    ].join('\n');
    expect(scrubStack(stack, CHROME_BASE)).toBe(
      [
        'at saveMeeting (/chunks/sidepanel-DUb5RaKP.js:1:2345)',
        'at (/chunks/records.js:3:4)',
        'at (<external>:10:20)',
      ].join('\n'),
    );
  });

  it("keeps Firefox's frames with extension-relative paths", () => {
    const base = 'moz-extension://0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0/';
    const stack = `render@${base}chunks/dashboard.js:1:99\n@file:///home/sam/Downloads/pulse.html:2:3\n`;
    expect(scrubStack(stack, base)).toBe('at render (/chunks/dashboard.js:1:99)\nat (<external>:2:3)');
  });

  it('keeps the widget’s own file but not the folder it was opened from, nor its invite', () => {
    const base = 'file:///home/sam/Downloads/';
    expect(scrubStack(`    at start (${base}pulse.html#PP1.invite:5:6)`, base)).toBe('at start (/pulse.html:5:6)');
  });

  it('has nothing to keep from a stack without frames', () => {
    expect(scrubStack('Error: "Sam"', 'chrome-extension://x/')).toBeUndefined();
    expect(scrubStack(undefined, 'chrome-extension://x/')).toBeUndefined();
  });
});

describe('the browser', () => {
  it.each([
    ['Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0', 'Firefox 140'],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86',
      'Edge 131',
    ],
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.85 Safari/537.36',
      'Chrome 131',
    ],
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36',
      'Chrome 131',
    ],
    ['curl/8', 'unknown browser'],
  ])('of %s is %s', (userAgent, expected) => {
    expect(browserName(userAgent)).toBe(expected);
  });
});
