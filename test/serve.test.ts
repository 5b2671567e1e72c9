/** `npm run serve`'s server: the cache headers a host should send, and a site under a sub-path. */
import {mkdirSync, mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import path from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {cacheControl, serveStatic, type StaticServer} from "../cli/static-server.ts";

const root = mkdtempSync(path.join(tmpdir(), "serve-test-"));
mkdirSync(path.join(root, "_file/data"), {recursive: true});
writeFileSync(path.join(root, "index.html"), "<p>start</p>");
writeFileSync(path.join(root, "nominering.html"), "<p>nominering</p>");
writeFileSync(path.join(root, "_file/data/values.f2f587e8.parquet"), "PAR1");

let server: StaticServer;
beforeAll(async () => {
  server = await serveStatic(root, {base: "/kvalitetskommun/"});
});
afterAll(() => server.close());

describe("static server", () => {
  it("marks hashed files immutable and everything else no-cache", () => {
    expect(cacheControl("/x/_file/data/values.f2f587e8.parquet")).toBe("public, max-age=31536000, immutable");
    expect(cacheControl("/x/_import/workers/robustness-worker.0a1b2c3d.js")).toBe("public, max-age=31536000, immutable");
    expect(cacheControl("/x/nominering.html")).toBe("no-cache");
    expect(cacheControl("/x/_file/data/values.parquet")).toBe("no-cache");
    expect(cacheControl("/x/logo.f2f587e.png")).toBe("no-cache"); // 7 hex digits: not Framework's hash
  });

  it("serves the site under its sub-path only, with those headers", async () => {
    const page = await fetch(`${server.url}/kvalitetskommun/nominering.html`);
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("no-cache");
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await page.text()).toBe("<p>nominering</p>");
    expect(await (await fetch(`${server.url}/kvalitetskommun/`)).text()).toBe("<p>start</p>");
    expect(await (await fetch(`${server.url}/kvalitetskommun/nominering`)).text()).toBe("<p>nominering</p>");
    const data = await fetch(`${server.url}/kvalitetskommun/_file/data/values.f2f587e8.parquet`);
    expect(data.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect((await fetch(`${server.url}/nominering.html`)).status).toBe(404);
    expect((await fetch(`${server.url}/kvalitetskommun/../../etc/passwd`)).status).toBe(404);
  });
});
