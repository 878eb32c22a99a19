/**
 * What connecting to a workspace asks the browser for, at that moment and for that one server
 * (the manifest declares them optional: a default install asks for none of them).
 */
export const WORKSPACE_OPTIONAL_PERMISSIONS = ['alarms'] as const;
export const WORKSPACE_OPTIONAL_HOSTS = ['https://*/*', 'http://*/*'] as const;

/**
 * Firefox's data-collection declaration (browser_specific_settings.gecko.data_collection_permissions):
 * nothing is required (without a workspace nothing leaves the browser), and connecting to a
 * workspace asks for what its records then carry to the server the user names:
 * - personallyIdentifyingInfo: the names and e-mail addresses of the people in meetings;
 * - authenticationInfo: the workspace user name and password, sent once to sign in;
 * - websiteContent: attendance and meeting titles read from call and calendar pages.
 * Never sent: pulse keys, individual responses, drafts, settings (docs/workspace.md).
 */
export const WORKSPACE_DATA_COLLECTION = ['personallyIdentifyingInfo', 'authenticationInfo', 'websiteContent'] as const;

/** What a manifest offers to ask for when connecting (Firefox has no optional `alarms`, Chrome no data collection). */
export interface OfferedPermissions {
  optional_permissions?: readonly string[];
  browser_specific_settings?: { gecko?: { data_collection_permissions?: { optional?: readonly string[] } } };
}

/**
 * The request made when connecting to `server`: its host, the alarm where the manifest offers
 * it, and Firefox's optional data collection where the manifest declares it. Null for an
 * address that is not http(s).
 */
export function serverPermissionRequest(
  server: string,
  manifest: OfferedPermissions,
): { permissions: string[]; origins: string[]; data_collection?: string[] } | null {
  const pattern = originPattern(server);
  if (!pattern) return null;
  const offered = manifest.optional_permissions ?? [];
  const permissions = WORKSPACE_OPTIONAL_PERMISSIONS.filter((p) => offered.includes(p));
  const collection = manifest.browser_specific_settings?.gecko?.data_collection_permissions?.optional ?? [];
  const data = WORKSPACE_DATA_COLLECTION.filter((d) => collection.includes(d));
  return { permissions, origins: [pattern], ...(data.length > 0 ? { data_collection: data } : {}) };
}

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
