// Framework data loader: streams the built models.json (see loaders/outputs.ts).
import {emitOutput} from "../../loaders/outputs.js";

await emitOutput("models.json");
