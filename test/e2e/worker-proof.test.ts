/**
 * The Web Worker pattern (src/lib/workers/robustness-client.ts) in the built
 * site, in headless Chromium: the temporary page src/worker-proof.md starts a
 * module worker that imports the engine and comlink, scores the default model
 * (its first municipality equals the rank command's), solves a tiny LP with
 * HiGHS from highs.wasm served by the site, reports progress, and is cancelled
 * cooperatively and by terminate(); with no console error, no request outside
 * the origin and no main-thread task over 50 ms while the worker works. Also
 * under a sub-path (/dist/). Needs `npm run build` first.
 */
import path from "node:path";
import type {Browser} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {main} from "../../cli/rank.ts";
import {REPO_ROOT} from "../../loaders/config.ts";
import {launchBrowser, openWatchedPage} from "../helpers/browser.ts";
import {serveStatic, type StaticServer} from "../helpers/static-server.ts";

const SNAPSHOT = path.resolve(REPO_ROOT, process.env.KOLADA_SNAPSHOT_DIR ?? "../shared/kolada");

interface ProofResult {
  ping: {model: string; year: number; top: string; ranked: number};
  lp: {status: string; objective: number; x: number; y: number};
  full: {done: number; draws: number; cancelled: boolean; reports: number[]; topShares: {code: string; share: number}[]};
  cancelled: {cancelled: boolean; done: number};
  afterTerminate: string;
  longTasks: {start: number; ms: number}[];
}

/** The rank command's first municipality for a model and year. */
async function cliTop(model: string, year: number): Promise<string> {
  let stdout = "";
  let stderr = "";
  const args = ["--model", path.join(REPO_ROOT, "data/models", `${model}.json`), "--year", String(year), "--format", "json"];
  const code = await main(args, {env: {...process.env, KOLADA_SNAPSHOT_DIR: SNAPSHOT}, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s)});
  if (code !== 0) throw new Error(`rank exited with ${code}: ${stderr}`);
  return (JSON.parse(stdout).rows as {code: string; rank: number | null}[]).find((r) => r.rank !== null)!.code;
}

let distServer: StaticServer;
let repoServer: StaticServer;
let browser: Browser;

beforeAll(async () => {
  distServer = await serveStatic(path.join(REPO_ROOT, "dist"));
  repoServer = await serveStatic(REPO_ROOT);
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await distServer?.close();
  await repoServer?.close();
});

async function runProof(server: StaticServer, pagePath: string): Promise<{result: ProofResult; consoleErrors: string[]; externalRequests: string[]; requests: string[]}> {
  const before = server.requests.length;
  const watched = await openWatchedPage(browser, server.url);
  try {
    await watched.page.goto(`${server.url}${pagePath}`);
    const proof = watched.page.locator("[data-testid=worker-proof]");
    await proof.and(watched.page.locator("[data-state=done], [data-state=error]")).waitFor({timeout: 90_000});
    const state = await proof.getAttribute("data-state");
    expect(state, await proof.textContent() ?? "").toBe("done");
    const result = JSON.parse((await proof.getAttribute("data-result"))!) as ProofResult;
    // Positive control: this Chromium does report a 80 ms main-thread task as a "longtask".
    const control = await watched.page.evaluate(async () => {
      const seen: number[] = [];
      const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => seen.push(e.duration)));
      observer.observe({type: "longtask"});
      setTimeout(() => {
        const t = performance.now();
        while (performance.now() - t < 80);
      }, 0);
      await new Promise((resolve) => setTimeout(resolve, 300));
      observer.disconnect();
      return seen;
    });
    expect(control.some((ms) => ms >= 80)).toBe(true);
    return {result, consoleErrors: watched.consoleErrors, externalRequests: watched.externalRequests, requests: server.requests.slice(before)};
  } finally {
    await watched.page.close();
  }
}

describe("worker proof page (built site)", () => {
  // At the root of a host (dist/ served as /) and under a sub-path (the repository served, the site at /dist/).
  for (const [where, prefix] of [["at the root", ""], ["under /dist/", "/dist"]] as const) {
    it(`runs the engine, comlink and HiGHS in a module worker from the site's own files, ${where}`, async () => {
      const server = prefix ? repoServer : distServer;
      const {result, consoleErrors, externalRequests, requests} = await runProof(server, `${prefix}/worker-proof.html`);
      expect(consoleErrors).toEqual([]);
      expect(externalRequests).toEqual([]);

      // The worker's code, comlink, highs' JS and wasm all came from the site, under its prefix.
      const served = (re: RegExp) => requests.some((p) => p.startsWith(`${prefix}/`) && re.test(p.slice(prefix.length)));
      expect(served(/^\/_import\/workers\/robustness-worker\.[0-9a-f]{8}\.js$/)).toBe(true);
      expect(served(/^\/_node\/comlink@[^/]+\/index\.[0-9a-f]{8}\.js$/)).toBe(true);
      expect(served(/^\/_node\/highs@[^/]+\/index\.[0-9a-f]{8}\.js$/)).toBe(true);
      expect(served(/^\/_file\/workers\/highs\.[0-9a-f]{8}\.wasm$/)).toBe(true);
      expect(requests.filter((p) => !p.startsWith(`${prefix}/`))).toEqual([]);

      // ping: the worker's top municipality is the rank command's.
      expect(result.ping.model).toBe("skk-standard");
      expect(result.ping.ranked).toBeGreaterThan(200);
      expect(result.ping.top).toBe(await cliTop(result.ping.model, result.ping.year));

      // solveTiny: max x + 2y, x + y <= 4, x + 3y <= 6 → 5 at (3, 1).
      expect(result.lp.status).toBe("Optimal");
      expect(result.lp.objective).toBeCloseTo(5, 9);
      expect(result.lp.x).toBeCloseTo(3, 9);
      expect(result.lp.y).toBeCloseTo(1, 9);

      // Progress: increasing counts ending at the total.
      expect(result.full).toMatchObject({done: 300, draws: 300, cancelled: false});
      expect(result.full.reports.length).toBeGreaterThan(0);
      expect(result.full.reports.at(-1)).toBe(300);
      expect(result.full.reports).toEqual([...result.full.reports].sort((a, b) => a - b));
      expect(result.full.topShares[0]!.share).toBeGreaterThan(0);

      // Cooperative cancel stops at the first report; terminate() leaves the call pending.
      expect(result.cancelled.cancelled).toBe(true);
      expect(result.cancelled.done).toBeLessThan(1_000_000);
      expect(result.afterTerminate).toBe("never settles");

      // The page's main thread had no task over 50 ms while the workers worked.
      expect(result.longTasks).toEqual([]);
    }, 120_000);
  }
});
