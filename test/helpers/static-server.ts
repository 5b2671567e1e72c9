/** The built site's static server for browser tests and benchmarks: the product's own (cli/static-server.ts). */
export {serveStatic, type StaticServer} from "../../cli/static-server.ts";
