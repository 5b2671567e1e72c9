// Framework data loader: streams the built kommuner.topojson (see loaders/outputs.ts).
import {emitOutput} from "../../loaders/outputs.js";

await emitOutput("kommuner.topojson");
