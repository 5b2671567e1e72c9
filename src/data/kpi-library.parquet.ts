// Framework data loader: streams the built kpi-library.parquet, the KPI library's index (see loaders/library.ts).
import {emitOutput} from "../../loaders/outputs.js";

await emitOutput("kpi-library.parquet");
