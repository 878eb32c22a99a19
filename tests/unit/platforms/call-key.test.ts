import { describe, expect, it } from 'vitest';
import { callKeyFromUrl, unwrapLink } from '../../../utils/platforms/call-key';

const THREAD = '19:meeting_MjM0OTEwZmEtMGU1Yi00MjA4LTgwNmUtZDUzYWY3YWE2MmZj@thread.v2';

describe('callKeyFromUrl', () => {
  it.each([
    // Google Meet: the call page and the links in invitations.
    ['https://meet.google.com/abc-defg-hij', 'meet:abc-defg-hij'],
    ['https://meet.google.com/abc-defg-hij?authuser=1&hs=122', 'meet:abc-defg-hij'],
    ['https://meet.google.com/ABC-DEFG-HIJ/', 'meet:abc-defg-hij'],
    ['https://meet.google.com/_meet/abc-defg-hij?ijlm=1', 'meet:abc-defg-hij'],
    ['  https://meet.google.com/xkr-pqnd-tws  ', 'meet:xkr-pqnd-tws'],
    // Zoom: web client, join links, personal subdomains, webinars.
    ['https://app.zoom.us/wc/84512345678/join?fromPWA=1&pwd=abc', 'zoom:84512345678'],
    ['https://app.zoom.us/wc/84512345678/start', 'zoom:84512345678'],
    ['https://us02web.zoom.us/wc/84512345678/join', 'zoom:84512345678'],
    ['https://zoom.us/wc/join/84512345678', 'zoom:84512345678'],
    ['https://us02web.zoom.us/j/84512345678?pwd=cGFydG5lcnNoaXA', 'zoom:84512345678'],
    ['https://hartsidecvs.zoom.us/j/912345678', 'zoom:912345678'],
    ['https://zoom.us/s/84512345678', 'zoom:84512345678'],
    ['https://us06web.zoom.us/w/84512345678?tk=abc', 'zoom:84512345678'],
    ['https://zoomgov.com/j/1612345678', 'zoom:1612345678'],
    // Teams: meetup-join links (encoded or not), the v2 app's hash route, launcher, /meet/ ids, light meetings.
    [
      `https://teams.microsoft.com/l/meetup-join/${encodeURIComponent(THREAD)}/0?context=%7b%22Tid%22%3a%22x%22%7d`,
      `teams:${THREAD}`,
    ],
    [
      `https://teams.microsoft.com/l/meetup-join/19%3ameeting_MjM0OTEwZmEtMGU1Yi00MjA4LTgwNmUtZDUzYWY3YWE2MmZj%40thread.v2/0?context=%7b%7d`,
      `teams:${THREAD}`,
    ],
    [`https://teams.microsoft.com/l/meetup-join/${THREAD}/0?context=%7B%22Tid%22:%22x%22%7D`, `teams:${THREAD}`],
    [
      `https://teams.microsoft.com/v2/?meetingjoin=true#/l/meetup-join/${encodeURIComponent(THREAD)}/0?context=%7b%7d&anon=true`,
      `teams:${THREAD}`,
    ],
    [
      `https://teams.microsoft.com/dl/launcher/launcher.html?url=${encodeURIComponent(`/_#/l/meetup-join/${encodeURIComponent(THREAD)}/0?context=x`)}&type=meetup-join`,
      `teams:${THREAD}`,
    ],
    [
      'https://teams.microsoft.com/l/meetup-join/19:alTrvfJlXitdMLLxjio8rfnHDhKWaZ3_M-EwK5ewWHg1@thread.tacv2/1730831739131?context=%7B%7D',
      'teams:19:alTrvfJlXitdMLLxjio8rfnHDhKWaZ3_M-EwK5ewWHg1@thread.tacv2',
    ],
    ['https://teams.live.com/meet/9356969621606?p=08ogAWeCL73fVssuEK', 'teams:meet:9356969621606'],
    ['https://teams.microsoft.com/meet/37148290561?p=bX7nQ2', 'teams:meet:37148290561'],
    [
      `https://teams.microsoft.com/light-meetings/launch?coords=${btoa(encodeURIComponent(JSON.stringify({ conversationId: THREAD, tenantId: 't', messageId: '0' })))}`,
      `teams:${THREAD}`,
    ],
    [`https://teams.cloud.microsoft/l/meetup-join/${encodeURIComponent(THREAD)}/0`, `teams:${THREAD}`],
    // Wrapped by Google Calendar's or Outlook's redirectors.
    ['https://www.google.com/url?q=https://meet.google.com/abc-defg-hij&sa=D&source=calendar', 'meet:abc-defg-hij'],
    [
      `https://eur02.safelinks.protection.outlook.com/?url=${encodeURIComponent('https://us02web.zoom.us/j/84512345678')}&data=05%7C02&reserved=0`,
      'zoom:84512345678',
    ],
  ])('%s → %s', (url, key) => {
    expect(callKeyFromUrl(url)).toBe(key);
  });

  it.each([
    'https://meet.google.com/',
    'https://meet.google.com/landing',
    'https://meet.google.com/lookup/partnership',
    'https://meet.google.com.evil.example/abc-defg-hij',
    'https://evil.example/meet.google.com/abc-defg-hij',
    'https://zoom.us/',
    'https://zoom.us/my/hartsidecvs',
    'https://zoom.us.evil.example/j/84512345678',
    'https://app.zoom.us/wc/home',
    'https://teams.microsoft.com/v2/',
    'https://teams.microsoft.com/l/chat/19:abc@thread.v2/0',
    'https://teams.microsoft.com/light-meetings/launch?coords=not-base64!',
    'https://calendar.google.com/calendar/u/0/r/week',
    'https://drive.google.com/drive/folders/1aBcD',
    'javascript:alert(1)//meet.google.com/abc-defg-hij',
    'meet.google.com/abc-defg-hij',
    '',
  ])('%s → null', (url) => {
    expect(callKeyFromUrl(url)).toBeNull();
  });

  it('gives a call page and the invitation that planned it the same key', () => {
    expect(callKeyFromUrl('https://app.zoom.us/wc/84512345678/join?fromPWA=1')).toBe(
      callKeyFromUrl('https://www.google.com/url?q=https://us02web.zoom.us/j/84512345678?pwd%3Dabc&sa=D'),
    );
  });
});

describe('unwrapLink', () => {
  it('takes links out of redirect wrappers and leaves other links alone', () => {
    expect(unwrapLink('https://www.google.com/url?q=https://example.org/a?b%3Dc&sa=D')).toBe(
      'https://example.org/a?b=c',
    );
    expect(unwrapLink('https://example.org/a')).toBe('https://example.org/a');
  });
});
