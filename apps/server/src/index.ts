export { startServer } from "./app";
export type { RunningServer } from "./app";
export { readConfig } from "./config";
export type { ServerConfig } from "./config";
