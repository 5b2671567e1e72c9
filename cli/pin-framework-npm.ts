/**
 * Pins the versions of Observable Framework's recommended `npm:` libraries, so
 * that `observable build` (and `preview`) never asks the npm registry.
 *
 * Why this exists: Framework 1.13's client bundle (`/_observablehq/client.js`,
 * `stdlib.js`) refers to its recommended libraries (react, d3, arquero, …) by
 * `npm:` specifiers, and while bundling it resolves each one to a version with
 * `resolveNpmVersion`, which fetches `https://registry.npmjs.org/<name>/latest`
 * unless a version is already known. With no network the build dies
 * (`bundle /_observablehq/client.js → npm:react-dom@latest → fetch failed`),
 * and with network the resolved versions (and so the bytes of client.js)
 * change whenever a library publishes a release. Framework "knows" a version
 * when a folder `<name>@<version>` exists in `src/.observablehq/cache/_npm/`
 * (it reads only the folder names), so this script creates those folders,
 * empty, from the fixed list below. `npm run build` runs it right after
 * clearing Framework's cache.
 *
 * The versions only end up as strings in the client bundle's lazy imports of
 * libraries the site never uses (the site imports everything it uses from
 * node_modules; see README "Offline build"): no page loads anything from
 * `_npm/`, and a page that did would need the CDN and fail the offline build.
 * They are the versions the registry returned on 2026-11-28 when this list was
 * made, so the bundle is the same as a networked build's of that day.
 *
 * Updating (e.g. after upgrading Framework, which this script then refuses to
 * run with until the list is checked): with network, run
 * `rm -rf src/.observablehq/cache && npx observable build`, then
 * `find src/.observablehq/cache/_npm -mindepth 1 -maxdepth 2 -name '*@*'`
 * lists the folders Framework created; copy them here and update
 * FRAMEWORK_VERSION. `test/build-offline.test.ts` fails if one is missing.
 *
 * Usage: `tsx cli/pin-framework-npm.ts` (from the repository root).
 */
import {mkdirSync, readFileSync, realpathSync} from "node:fs";
import path from "node:path";
import {fileURLToPath, pathToFileURL} from "node:url";
import config from "../observablehq.config.ts";

/** The Framework release the list below was made for (package.json pins it exactly). */
export const FRAMEWORK_VERSION = "1.13.4";

/**
 * Every library Framework 1.13.4 resolves while bundling client.js and
 * stdlib.js, as `name@version`. (@duckdb/duckdb-wasm needs no pin: Framework
 * uses its own fixed DUCKDB_WASM_VERSION.)
 */
export const FRAMEWORK_NPM_PINS = [
  "@observablehq/plot@0.6.17",
  "@observablehq/sample-datasets@1.0.1",
  "apache-arrow@21.2.0",
  "arquero@8.0.3",
  "d3@7.9.2",
  "d3-dsv@3.0.2",
  "echarts@6.1.0",
  "htl@1.0.0",
  "leaflet@1.9.4",
  "lodash@4.18.1",
  "mapbox-gl@3.32.0",
  "parquet-wasm@0.8.0",
  "react@19.3.1",
  "react-dom@19.3.1",
  "topojson-client@3.1.0"
] as const;

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Creates the empty `<name>@<version>` folders in `<root>/.observablehq/cache/_npm/` (root: Framework's source root). */
export function pinFrameworkNpm(root = path.join(REPO_ROOT, config.root)): void {
  const frameworkPackage = path.join(REPO_ROOT, "node_modules/@observablehq/framework/package.json");
  const {version} = JSON.parse(readFileSync(frameworkPackage, "utf8")) as {version: string};
  if (version !== FRAMEWORK_VERSION) {
    throw new Error(
      `cli/pin-framework-npm.ts lists the npm: libraries of Framework ${FRAMEWORK_VERSION}, but ${version} is installed. ` +
        `Check the list for the new version (see the file's header) and update FRAMEWORK_VERSION.`
    );
  }
  for (const pin of FRAMEWORK_NPM_PINS) mkdirSync(path.join(root, ".observablehq", "cache", "_npm", pin), {recursive: true});
}

function isMain(): boolean {
  const entry = process.argv[1];
  return entry !== undefined && import.meta.url === pathToFileURL(realpathSync(entry)).href;
}

if (isMain()) {
  try {
    pinFrameworkNpm();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
