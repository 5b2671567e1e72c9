/**
 * The built site works under any sub-path of a static host: serve the
 * repository root so the site lives at /dist/, and every page still loads its
 * data and renders, with no console error and no request outside the origin.
 */
import type {Browser} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {REPO_ROOT} from "../../loaders/config.ts";
import {launchBrowser, openWatchedPage} from "../helpers/browser.ts";
import {serveStatic, type StaticServer} from "../helpers/static-server.ts";

const PAGES = [
  ["/dist/index.html", "[data-testid=coverage-table] tbody tr"],
  ["/dist/nominering.html", "[data-testid=ranking] tbody tr[data-municipality]"],
  ["/dist/utveckling.html", "[data-testid=ranking] tbody tr[data-municipality]"],
  ["/dist/kommun.html?kommun=1284", "[data-testid=profile-kpis] tr[data-kpi]"],
  ["/dist/scenarier.html", "[data-testid=scenario-message][data-state=empty]"]
] as const;

let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  server = await serveStatic(REPO_ROOT);
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the built site under a sub-path (/dist/)", () => {
  for (const [page, ready] of PAGES) {
    it(`${page} renders from its own files`, async () => {
      const watched = await openWatchedPage(browser, server.url);
      await watched.page.goto(`${server.url}${page}`);
      await watched.page.waitForSelector(ready, {timeout: 60_000});
      expect(watched.consoleErrors).toEqual([]);
      expect(watched.externalRequests).toEqual([]);
      expect(server.requests.filter((p) => p.endsWith(".parquet")).every((p) => p.startsWith("/dist/"))).toBe(true);
      await watched.page.close();
    }, 90_000);
  }
});
