/**
 * A static file server for the built site (`dist/`), with the cache headers
 * a host should send: hashed files (`name.<8 hex>.ext`, everything Framework
 * writes under _file, _import, _node and _observablehq) immutable for a year,
 * HTML and anything unhashed revalidated on every visit. Optionally under a
 * sub-path (`base`, e.g. "/kvalitetskommun/"), as a host that serves several
 * sites would. Used by `npm run serve`, the browser tests and the benches.
 */
import {createReadStream, existsSync, statSync} from "node:fs";
import {createServer, type Server} from "node:http";
import type {AddressInfo} from "node:net";
import path from "node:path";

const MIME: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".topojson": "application/json",
  ".wasm": "application/wasm",
  ".parquet": "application/octet-stream",
  ".svg": "image/svg+xml",
  ".png": "image/png"
};

/** Framework's content hash in a file name: "values.f2f587e8.parquet". */
const HASHED = /\.[0-9a-f]{8}\.[a-z0-9]+$/;

/** The Cache-Control header for a served file. */
export function cacheControl(file: string): string {
  return HASHED.test(path.basename(file)) ? "public, max-age=31536000, immutable" : "no-cache";
}

export interface StaticServer {
  url: string;
  /** Paths requested so far, in order. */
  requests: string[];
  close(): Promise<void>;
}

export interface ServeOptions {
  /** Port (default: a free one). */
  port?: number;
  host?: string;
  /** Serve the site under this path ("/sub/"); requests outside it get 404. */
  base?: string;
}

/** Starts a static file server for `root` (default on a free loopback port). */
export async function serveStatic(root: string, {port = 0, host = "127.0.0.1", base = "/"}: ServeOptions = {}): Promise<StaticServer> {
  const requests: string[] = [];
  const prefix = base.endsWith("/") ? base : `${base}/`;
  const server: Server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
    requests.push(pathname);
    if (!`${pathname}/`.startsWith(prefix)) return void res.writeHead(404).end("not found");
    let file = path.join(root, path.normalize(pathname.slice(prefix.length - 1)));
    if (!file.startsWith(root)) return void res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!existsSync(file) && existsSync(`${file}.html`)) file = `${file}.html`;
    if (!existsSync(file)) return void res.writeHead(404).end("not found");
    res.writeHead(200, {"content-type": MIME[path.extname(file)] ?? "application/octet-stream", "cache-control": cacheControl(file)});
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve()))
  };
}
