// Framework data loader: the HiGHS solver's WebAssembly binary, copied from
// node_modules/highs (the installed version, so it always matches the `highs`
// JS the worker imports). A page refers to it as
// `FileAttachment("workers/highs.wasm").href`, which copies it to
// dist/_file/workers/highs.<hash>.wasm on the site's own origin.
//
// Why a loader: Framework only copies a non-JS file it can reach through
// FileAttachment (a file or loader under src/), and `import.meta.resolve` of a
// node_modules asset needs a path with the asset's extension that the package
// exports; highs exports its .wasm only as "highs/runtime", which Framework
// would copy to `_node/highs@x/runtime.js` and then re-read as UTF-8 text.
//
// The output's mtime is set to a fixed date (Framework writes it into the
// pages as `lastModified`; the install time would make every checkout's build
// differ), except under `KVALITETSKOMMUN_OUTPUT_MTIME=now` (npm run dev), as
// in loaders/outputs.ts.
import {fstatSync, futimesSync, readFileSync} from "node:fs";
import {createRequire} from "node:module";

const FIXED_MTIME = new Date("2000-01-01T00:00:00Z");

const wasm = readFileSync(createRequire(import.meta.url).resolve("highs/runtime"));
await new Promise<void>((resolve, reject) => process.stdout.write(wasm, (error) => (error ? reject(error) : resolve())));
if (process.env.KVALITETSKOMMUN_OUTPUT_MTIME !== "now" && fstatSync(1).isFile()) futimesSync(1, FIXED_MTIME, FIXED_MTIME);
