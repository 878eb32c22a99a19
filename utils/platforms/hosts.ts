/** The only sites the extension reads. Host permissions are exactly these. */
export const CALL_MATCHES = {
  meet: ['https://meet.google.com/*'],
  zoom: ['https://app.zoom.us/wc/*', 'https://*.zoom.us/wc/*'],
  teams: ['https://teams.microsoft.com/*', 'https://teams.live.com/*', 'https://teams.cloud.microsoft/*'],
} as const;

// Outlook switches between mail and calendar without a page load, so its whole
// origin is matched and the reader only looks at /calendar paths.
export const CALENDAR_MATCHES = {
  gcal: ['https://calendar.google.com/*'],
  outlook: ['https://outlook.office.com/*', 'https://outlook.live.com/*', 'https://outlook.office365.com/*'],
} as const;

export const HOST_MATCHES: readonly string[] = [
  ...Object.values(CALL_MATCHES).flat(),
  ...Object.values(CALENDAR_MATCHES).flat(),
];
