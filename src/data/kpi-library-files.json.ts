// Framework data loader: streams the built kpi-library-files.json, the KPI library's own manifest (see loaders/library.ts).
import {emitOutput} from "../../loaders/outputs.js";

await emitOutput("kpi-library-files.json");
