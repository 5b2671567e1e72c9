// Framework data loader: streams the built kpis.parquet (see loaders/outputs.ts).
import {emitOutput} from "../../loaders/outputs.ts";

await emitOutput("kpis.parquet");
