// Framework data loader: streams the built manifest.json (see loaders/outputs.ts).
import {emitOutput} from "../../loaders/outputs.js";

await emitOutput("manifest.json");
