#!/usr/bin/env node
import { startServer } from "./app";
import { readConfig } from "./config";

const config = readConfig();
const server = await startServer(config);
const where =
  config.databaseUrl === undefined
    ? `embedded PostgreSQL in ${config.dataDir}`
    : "PostgreSQL at DATABASE_URL";
console.log(`AOS reference server listening on ${server.url} (${where})`);
console.log(
  `  REST: ${server.url}/api/todos | realtime: socket.io on ${server.url}, WebSocket on ${server.url.replace("http", "ws")}/ws`,
);

const stop = () => {
  void server.close().then(() => process.exit(0));
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
