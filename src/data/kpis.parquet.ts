// Framework data loader: streams the built kpis.parquet (see loaders/outputs.ts).
import {emitOutput} from "../../loaders/outputs.js";

await emitOutput("kpis.parquet");
