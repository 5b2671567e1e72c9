/**
 * `npm run serve [-- --port 3000] [--base /sub/]`: serves dist/ locally the way
 * a static host will (cache headers as in the README's "Publicera"), to check
 * a build before publishing it. Build for a sub-path first when you test one
 * (the site's links are relative, so the same dist/ works under any path).
 */
import path from "node:path";
import {fileURLToPath} from "node:url";
import {serveStatic} from "./static-server.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const port = Number(option("--port") ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`serve: --port must be a whole number 0-65535 (got "${option("--port")}")\n`);
  process.exit(2);
}
const base = option("--base") ?? "/";
const server = await serveStatic(path.join(ROOT, "dist"), {port, host: "127.0.0.1", base});
process.stdout.write(`Serving dist/ at ${server.url}${base.endsWith("/") ? base : `${base}/`} (Ctrl+C to stop)\n`);
