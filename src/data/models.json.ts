// Framework data loader: streams the built models.json (see loaders/outputs.ts).
import {emitOutput} from "../../loaders/outputs.ts";

await emitOutput("models.json");
