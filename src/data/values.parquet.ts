// Framework data loader: streams the built values.parquet (see loaders/outputs.ts).
import {emitOutput} from "../../loaders/outputs.js";

await emitOutput("values.parquet");
