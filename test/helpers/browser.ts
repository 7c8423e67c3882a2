import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { fileURLToPath } from 'node:url';
import { serveStatic } from './static-server';

export const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** The built app in headless Chromium, with every request to another origin blocked and recorded. */
export interface AppSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  origin: string;
  /** Requests that tried to leave the app's origin (blocked). Expected: none. */
  foreignRequests: string[];
  /** Uncaught page errors. Expected: none. */
  pageErrors: string[];
  /** Content-Security-Policy violations reported by the page so far. Expected: none. */
  cspViolations(): Promise<string[]>;
  /** Stops the app's server, as when the host is unreachable; the browser stays open. */
  stopServer(): Promise<void>;
  close(): Promise<void>;
}

/** `timezoneId`: the browser's time zone (an IANA name); by default the process's (TZ). */
export async function openApp(query = '?lang=en', options: { timezoneId?: string } = {}): Promise<AppSession> {
  // DIST_DIR lets parallel work build and test separate copies of the app.
  const dist = process.env.DIST_DIR ?? fileURLToPath(new URL('../../dist/', import.meta.url));
  const server = await serveStatic(dist);
  const origin = new URL(server.url).origin;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS });
  const context = await browser.newContext({ acceptDownloads: true, locale: 'en-US', ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}) });
  const foreignRequests: string[] = [];
  const pageErrors: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
    foreignRequests.push(url);
    return route.abort('blockedbyclient');
  });
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  let stopped = false;
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(server.url + query);
  return {
    browser,
    context,
    page,
    origin,
    foreignRequests,
    pageErrors,
    cspViolations: () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp),
    stopServer: async () => {
      if (!stopped) await server.close();
      stopped = true;
    },
    close: async () => {
      await browser.close();
      if (!stopped) await server.close();
      stopped = true;
    },
  };
}

/** Loads files through the file input, as a user picking them would, and waits until loading ends. */
export async function loadFiles(page: Page, files: { name: string; mimeType: string; buffer: Buffer }[]): Promise<void> {
  await page.locator('input[type=file]').setInputFiles(files);
  await waitIdle(page);
}

/** Waits until a sample (`?sample=`) has loaded: a file is in and nothing is loading. */
export async function sampleLoaded(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const app = (window as unknown as { __customerLens?: { loading: unknown; files: unknown[] } }).__customerLens;
    return !!app && app.loading === null && app.files.length > 0;
  }, undefined, { timeout: 120_000 });
}

/** Waits until no file is loading. */
export async function waitIdle(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const app = (window as unknown as { __customerLens?: { loading: unknown; engineStatus: string } }).__customerLens;
    return app && app.engineStatus !== 'starting' && app.loading === null;
  }, undefined, { timeout: 120_000 });
}

/** Clicks a button and returns the downloaded file's name and text (BOM kept). */
export async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), click()]);
  const stream = await dl.createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return { name: dl.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
}
