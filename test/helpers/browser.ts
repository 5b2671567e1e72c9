/**
 * Headless Debian Chromium through playwright-core, with a record of console
 * errors and of every request that leaves the site's own origin.
 */
import {chromium, type Browser, type BrowserContext, type Page} from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Chromium flags that let a frame start as soon as there is something to draw
 * instead of at the next 60 Hz tick, so a timing measures the page's work,
 * not where the tick happened to be (the benchmark uses them).
 */
export const UNTHROTTLED_FRAMES = ["--disable-gpu-vsync", "--disable-frame-rate-limit"];

export async function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      ...extraArgs
    ]
  });
}

export interface WatchedPage {
  page: Page;
  consoleErrors: string[];
  /** Requests to any origin other than `origin` (data: and blob: URLs are local). */
  externalRequests: string[];
}

/** Opens a page (in a browser or a context) that records console errors, page errors and external requests. */
export async function openWatchedPage(browser: Browser | BrowserContext, origin: string): Promise<WatchedPage> {
  const page = await browser.newPage();
  const consoleErrors: string[] = [];
  const externalRequests: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") consoleErrors.push(msg.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(String(error)));
  page.on("request", (request) => {
    const url = request.url();
    if (url.startsWith("data:") || url.startsWith("blob:")) return;
    if (new URL(url).origin !== origin) externalRequests.push(url);
  });
  // Never let anything leave the machine, even if a page tried.
  await page.route((url) => url.origin !== origin && url.protocol.startsWith("http"), (route) => route.abort());
  return {page, consoleErrors, externalRequests};
}
