// Framework data loader: streams the built municipalities.parquet (see loaders/outputs.ts).
import {emitOutput} from "../../loaders/outputs.ts";

await emitOutput("municipalities.parquet");
