import { describe, expect, it } from 'vitest';
import { isSupportedUrl, panelPath } from '../../../utils/browser/side-panel';

describe('where the panel belongs', () => {
  it.each([
    'https://meet.google.com/abc-defg-hij',
    'https://app.zoom.us/wc/123456789/join',
    'https://us02web.zoom.us/wc/123456789/join',
    'https://teams.microsoft.com/v2/',
    'https://teams.live.com/meet/123',
    'https://teams.cloud.microsoft/',
    'https://calendar.google.com/calendar/u/0/r/week',
    'https://outlook.office.com/calendar/view/week',
    'https://outlook.live.com/calendar/0/view/day',
    'https://outlook.office365.com/calendar/',
  ])('is on %s', (url) => {
    expect(isSupportedUrl(url)).toBe(true);
  });

  it.each([
    undefined,
    'https://example.com/',
    'https://zoom.us/',
    'https://app.zoom.us/profile',
    'https://meet.google.com.evil.example/abc',
    'http://meet.google.com/abc-defg-hij',
    'https://evilzoom.us/wc/1/join',
    'chrome://extensions/',
  ])('is off on %s', (url) => {
    expect(isSupportedUrl(url)).toBe(false);
  });

  it('binds the panel to its tab', () => {
    expect(panelPath(42)).toBe('sidepanel.html?tab=42');
  });
});
