import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readConfig, type RunningServer, startServer } from "@aos/server";
import { SERVER_PORT } from "../playwright.config";

/** The real reference server on the port the app proxies to, over a fresh database on disk. */
export function referenceServer() {
  const dataDir = mkdtempSync(join(tmpdir(), "aos-e2e-"));
  const config = { ...readConfig({}), port: SERVER_PORT, dataDir, latencyMs: 150, secret: "e2e" };
  let running: RunningServer | undefined;
  return {
    start: async () => {
      running = await startServer(config);
    },
    stop: async () => {
      await running?.close();
      running = undefined;
    },
    /** Writes through another server instance on the same data, as another client would. */
    writeWhileStopped: async (title: string) => {
      const other = await startServer({ ...config, port: 0 });
      await fetch(`${other.url}/api/todos`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ title }),
      });
      await other.close();
    },
  };
}
