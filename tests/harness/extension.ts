import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { CHROMIUM_PATH, EXTENSION_DIR } from './paths';
import { describeUnexpectedRequests, installRequestGuard, type RequestGuard } from './request-guard';

export interface LaunchOptions {
  headless?: boolean;
  /** The unpacked extension to load; default `.output/chrome-mv3`. */
  extensionDir?: string;
  /** The context's default viewport; null lets a headed window size itself. */
  viewport?: { width: number; height: number } | null;
  /** Pixel density of screenshots (needs a viewport). */
  deviceScaleFactor?: number;
  /** A touch phone: touch events (for `tap()`) and the page's meta viewport honoured. */
  hasTouch?: boolean;
  isMobile?: boolean;
  /** e.g. 'en-GB' and 'Europe/London'; default: the system's. */
  locale?: string;
  timezoneId?: string;
}

/** The UK's locale and time zone, in Chromium's default window (the panel and keyboard tests). */
export const UK_LOCALE: LaunchOptions = { locale: 'en-GB', timezoneId: 'Europe/London' };

/** A desktop in the UK: the locale, time zone and window the dashboard and data tests are written for. */
export const UK_DESKTOP: LaunchOptions = { ...UK_LOCALE, viewport: { width: 1280, height: 900 } };

export interface ExtensionHarness extends RequestGuard {
  context: BrowserContext;
  extensionId: string;
  /** The temporary profile's directory (Chromium's `--user-data-dir`: the bench finds its processes by it). */
  profileDir: string;
  /** The background service worker (the current one, should Chromium have restarted it). */
  readonly serviceWorker: Worker;
  /** `chrome-extension://<id>/<path>`. */
  extensionUrl(pathAndQuery: string): string;
  /** Closes the browser and deletes the profile; throws if a request was aborted and not taken. */
  close(): Promise<void>;
  /** Closes without the request check (after a test already failed, or in the demo). */
  closeUnchecked(): Promise<void>;
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // Belt and braces under the request guard: no host name resolves, so even a request made
  // before the guard is attached (the worker starts with the browser) cannot leave.
  '--host-resolver-rules=MAP * ~NOTFOUND',
];

/** Starts Chromium on a fresh temporary profile with the built extension loaded and the request guard on. */
export async function launchExtension(options: LaunchOptions = {}): Promise<ExtensionHarness> {
  const { headless = true, extensionDir = EXTENSION_DIR } = options;
  if (!existsSync(path.join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension in ${extensionDir}: run \`npm run build\` first.`);
  }
  const profileDir = await mkdtemp(path.join(tmpdir(), 'partnership-pulse-profile-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless,
    ...(options.viewport !== undefined ? { viewport: options.viewport } : {}),
    ...(options.deviceScaleFactor !== undefined ? { deviceScaleFactor: options.deviceScaleFactor } : {}),
    ...(options.hasTouch !== undefined ? { hasTouch: options.hasTouch } : {}),
    ...(options.isMobile !== undefined ? { isMobile: options.isMobile } : {}),
    ...(options.locale !== undefined ? { locale: options.locale } : {}),
    ...(options.timezoneId !== undefined ? { timezoneId: options.timezoneId } : {}),
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      ...CHROMIUM_ARGS,
      ...(options.locale !== undefined ? [`--lang=${options.locale}`] : []),
    ],
    // Date and time inputs are drawn in the process's locale, whatever `locale` emulates.
    ...(options.locale !== undefined ? { env: { ...process.env, ...posixLocale(options.locale) } } : {}),
  });
  try {
    const guard = await installRequestGuard(context);
    const worker = await extensionWorker(context);
    const extensionId = new URL(worker.url()).host;
    const origin = `chrome-extension://${extensionId}/`;

    const closeUnchecked = async () => {
      await context.close().catch(() => {});
      await rm(profileDir, { recursive: true, force: true, maxRetries: 3 });
    };
    return {
      ...guard,
      context,
      extensionId,
      profileDir,
      get serviceWorker() {
        return context.serviceWorkers().find((w) => w.url().startsWith(origin)) ?? worker;
      },
      extensionUrl: (pathAndQuery) => origin + pathAndQuery.replace(/^\//, ''),
      closeUnchecked,
      close: async () => {
        const leaked = guard.unexpectedRequests();
        await closeUnchecked();
        if (leaked.length > 0) throw new Error(describeUnexpectedRequests(leaked));
      },
    };
  } catch (error) {
    await context.close().catch(() => {});
    await rm(profileDir, { recursive: true, force: true });
    throw error;
  }
}

function posixLocale(locale: string): Record<string, string> {
  const posix = locale.replace('-', '_');
  return { LANG: `${posix}.UTF-8`, LANGUAGE: posix, LC_ALL: `${posix}.UTF-8` };
}

async function extensionWorker(context: BrowserContext): Promise<Worker> {
  const isExtension = (w: Worker) => w.url().startsWith('chrome-extension://');
  const running = context.serviceWorkers().find(isExtension);
  if (running) return running;
  return context.waitForEvent('serviceworker', { predicate: isExtension, timeout: 30_000 });
}
