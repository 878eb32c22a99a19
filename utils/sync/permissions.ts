/**
 * What connecting to a workspace asks the browser for, at that moment and for that one server
 * (the manifest declares them optional: a default install asks for none of them).
 */
export const WORKSPACE_OPTIONAL_PERMISSIONS = ['alarms'] as const;
export const WORKSPACE_OPTIONAL_HOSTS = ['https://*/*', 'http://*/*'] as const;

/** The host permission for one server: `https://couch.example.org/*`. Null for anything but http(s). */
export function originPattern(server: string): string | null {
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  // Match patterns take no port: the host's pattern covers every port of it.
  return `${url.protocol}//${url.hostname}/*`;
}
