import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { grantedExtensionCopy, routeToCouch, startCouch, type Couch } from './couch';
import { launchExtension, type ExtensionHarness, type LaunchOptions } from './extension';
import { EXTENSION_DIR } from './paths';
import { describeUnexpectedRequests } from './request-guard';

/**
 * One browser with the extension for the test file; every test fails if a request left for
 * a host that is not a routed fixture while it ran. Call at the top of a describe or file:
 *   const ext = useExtension();  ...  ext().context.newPage()
 */
export function useExtension(options?: LaunchOptions): () => ExtensionHarness {
  let harness: ExtensionHarness | undefined;
  beforeAll(async () => {
    harness = await launchExtension(options);
  });
  afterEach(() => {
    const leaked = harness?.takeUnexpectedRequests() ?? [];
    if (leaked.length > 0) throw new Error(describeUnexpectedRequests(leaked));
  });
  afterAll(async () => {
    await harness?.close();
  });
  return () => {
    if (!harness) throw new Error('useExtension(): the browser is not running (use it inside a test)');
    return harness;
  };
}

export interface WorkspaceServer {
  /** The CouchDB for tests (started before the file's tests). */
  readonly couch: Couch;
  /** A browser profile with the built extension (its server host granted), routed to the server. */
  launch(options?: Omit<LaunchOptions, 'extensionDir'>): Promise<ExtensionHarness>;
}

/**
 * For browser tests through a workspace: starts the CouchDB for tests and a copy of the build
 * with the server's host granted before the file's tests; every browser `launch` started is
 * closed, the copy removed and the server stopped after them.
 */
export function useWorkspaceServer(): WorkspaceServer {
  let couch: Couch | undefined;
  let extensionDir: string | undefined;
  const browsers: ExtensionHarness[] = [];
  beforeAll(async () => {
    couch = await startCouch();
    extensionDir = grantedExtensionCopy(EXTENSION_DIR);
  });
  afterAll(async () => {
    for (const ext of browsers) await ext.closeUnchecked();
    if (extensionDir) rmSync(extensionDir, { recursive: true, force: true });
    await couch?.stop();
  });
  const server: WorkspaceServer = {
    get couch() {
      if (!couch) throw new Error('useWorkspaceServer(): the server is not running (use it inside a test)');
      return couch;
    },
    async launch(options = {}) {
      const ext = await launchExtension({ ...options, extensionDir });
      browsers.push(ext);
      await routeToCouch(ext.context, server.couch);
      return ext;
    },
  };
  return server;
}
