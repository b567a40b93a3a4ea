import { runInNewContext } from "node:vm";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

// What a browser app's development build runs: bundled with process.env.NODE_ENV replaced, as
// Vite does while developing, in a global scope that has no `process`.
const app = `
  import { createQueryClient } from "@aos/query-client";
  import { createOptimisticStoreManager } from "./index";
  import { createRealtime } from "./realtime";

  const listeners = new Map();
  const transport = {
    isConnected: true,
    subscribe: (type, listener) => {
      listeners.set(type, listener);
      return () => listeners.delete(type);
    },
    onStatus: () => () => undefined,
  };
  const manager = createOptimisticStoreManager(
    {
      name: "todos",
      queryFn: async () => [{ id: "a", title: "Milk" }, "not a row"],
      mutations: {},
      realtime: createRealtime(),
    },
    createQueryClient(),
  );
  globalThis.finished = manager.actions.refetch().then(() => {
    manager.realtime.connect(transport);
    listeners.get("todos")("garbage");
    return manager.store.list.map((row) => row.id);
  });
`;

async function runDevelopmentBuild(): Promise<{ rows: unknown; warnings: unknown[][] }> {
  const bundle = await build({
    stdin: { contents: app, resolveDir: import.meta.dirname, loader: "js" },
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    define: { "process.env.NODE_ENV": '"development"' },
    logLevel: "silent",
  });
  const warnings: unknown[][] = [];
  const context: Record<string, unknown> = {
    console: {
      warn: (...args: unknown[]) => warnings.push(args),
      error: (...args: unknown[]) => {
        throw new Error(`console.error: ${args.map(String).join(" ")}`);
      },
    },
    // The browser globals AOS and TanStack Query use.
    setTimeout,
    clearTimeout,
    queueMicrotask,
    AbortController,
    crypto,
  };
  runInNewContext(bundle.outputFiles[0]?.text ?? "", context);
  expect(runInNewContext("typeof process", context)).toBe("undefined");
  const rows = await (context.finished as Promise<unknown>);
  return { rows, warnings };
}

describe("a browser's development build", () => {
  it("warns about skipped list items and dropped realtime events, though it has no process", async () => {
    const { rows, warnings } = await runDevelopmentBuild();

    expect(rows).toEqual(["a"]);
    // Every fetch of the list warns: the first load, refetch() and the resync on connecting.
    expect(warnings).toContainEqual([
      '[aos] The list of "todos" held 1 item(s) that are not rows; skipped.',
    ]);
    expect(warnings).toContainEqual([
      '[aos] Dropped a realtime event for "todos": it is not an object.',
      "garbage",
    ]);
  });
});
