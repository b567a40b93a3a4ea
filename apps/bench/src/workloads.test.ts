import { describe, expect, it } from "vitest";
import { contenders } from "./contenders";
import type { Contender } from "./contenders/types";
import { ingest, memory, reconcile, roundTrips, type WorkloadOptions } from "./workloads";

const small: WorkloadOptions = { n: 400, watched: 20, events: 300, edits: 40 };
const modes = ["concurrent", "concurrent, every 10th rejected", "one at a time"] as const;

describe.each(["aos", "mobx", "query"])("the %s contender", (name) => {
  const create = contenders[name] as () => Contender;

  it("ends every workload with the server's rows, and told its subscribers", async () => {
    const results = [
      await ingest(create(), small),
      await reconcile(create(), small),
      ...(await Promise.all(modes.map((mode) => roundTrips(create(), small, mode)))),
    ];
    for (const result of results) expect(result, result.problem).toMatchObject({ correct: true });
  });

  it("makes exactly the ideal number of subscriber callbacks", async () => {
    for (const result of [await ingest(create(), small), await reconcile(create(), small)]) {
      expect(result.metrics.callbacks).toBe(result.metrics.idealCallbacks);
      expect(result.metrics.idealCallbacks).toBeGreaterThan(0);
    }
  });
});

describe("the workloads", () => {
  it("report a contender that drops server events as wrong", async () => {
    const honest = (contenders.aos as () => Contender)();
    let count = 0;
    const lossy: Contender = {
      ...honest,
      serverUpdate: (row) => (++count % 7 === 0 ? Promise.resolve() : honest.serverUpdate(row)),
    };
    const result = await ingest(lossy, small);
    expect(result.correct).toBe(false);
    expect(result.problem).toMatch(/shows|was last told/);
  });

  it("report a contender whose subscribers miss a change as wrong", async () => {
    const honest = (contenders.mobx as () => Contender)();
    const deaf: Contender = {
      ...honest,
      watch: (ids, watchers) => {
        honest.watch(ids, { row: watchers.row, list: () => undefined });
      },
    };
    const result = await reconcile(deaf, small);
    expect(result.problem).toMatch(/the list subscriber was last told/);
  });

  it("measure retained heap under --expose-gc and refuse to guess without it", async () => {
    const gc = (globalThis as { gc?: unknown }).gc;
    if (gc === undefined) {
      await expect(memory(contenders.aos as () => Contender, small)).rejects.toThrow("--expose-gc");
    } else {
      const result = await memory(contenders.aos as () => Contender, small);
      expect(result.metrics.retainedMB).toBeGreaterThan(0);
    }
  });
});
