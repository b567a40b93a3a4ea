import { startWsServer } from "@aos/realtime-testkit";
import { waitFor } from "@aos/transport-conformance";
import { runInNewContext } from "node:vm";
import { build } from "esbuild";
import { WebSocket } from "ws";
import { describe, expect, it } from "vitest";

// What a browser app's development build runs: bundled with process.env.NODE_ENV replaced, as
// Vite does while developing, in a global scope that has a WebSocket but no `process`.
const app = `
  import { createWebSocketTransport } from "./createWebSocketTransport";

  globalThis.transport = createWebSocketTransport({ url: globalThis.url });
`;

describe("a browser's development build", () => {
  it("warns about a dropped frame, though it has no process", async () => {
    const server = await startWsServer();
    const bundle = await build({
      stdin: { contents: app, resolveDir: import.meta.dirname, loader: "ts" },
      bundle: true,
      write: false,
      format: "iife",
      platform: "browser",
      define: { "process.env.NODE_ENV": '"development"' },
      logLevel: "silent",
    });
    const warnings: unknown[][] = [];
    const context: Record<string, unknown> = {
      console: { warn: (...args: unknown[]) => warnings.push(args) },
      // The browser globals the transport uses; ws stands in for the browser's WebSocket.
      WebSocket,
      setTimeout,
      clearTimeout,
      setInterval,
      clearInterval,
      url: server.url,
    };
    runInNewContext(bundle.outputFiles[0]?.text ?? "", context);
    expect(runInNewContext("typeof process", context)).toBe("undefined");
    const transport = context.transport as { isConnected: boolean; destroy: () => void };
    try {
      await waitFor(() => {
        expect(transport.isConnected).toBe(true);
      });
      server.sendRaw("oops");

      await waitFor(() => {
        expect(warnings).toEqual([["[aos] Dropped a WebSocket frame: it is not JSON.", "oops"]]);
      });
    } finally {
      transport.destroy();
      await server.close();
    }
  });
});
