// Framework data loader: streams the built municipalities.parquet (see loaders/outputs.ts).
import {emitOutput} from "../../loaders/outputs.js";

await emitOutput("municipalities.parquet");
