import { malformedEvents } from "@aos/realtime-testkit";
import { describe, expect, it } from "vitest";
import { flush } from "../testing/deferred";
import { todo, todoFixture } from "../testing/todoFixture";
import type { InvalidRealtimeEvent } from "./types";
import { createRealtime } from "./RealtimeExtension";

describe("malformed realtime events", () => {
  it("has a corpus of at least 25 kinds", () => {
    expect(malformedEvents.length).toBeGreaterThanOrEqual(25);
  });

  it.each(malformedEvents)(
    "drops and reports $name, keeping the store and pending log intact",
    async ({ payload }) => {
      const invalid: InvalidRealtimeEvent[] = [];
      const { manager, loaded, visible } = todoFixture({
        versionField: "version",
        realtime: createRealtime({ onInvalidEvent: (problem) => invalid.push(problem) }),
      });
      await loaded([todo("a", "a", { version: 1 })]);
      void manager.actions.update({ id: "a", data: { done: true } }).catch(() => undefined);
      const pendingBefore = [...manager.store.pendingMutations];

      expect(() => manager.realtime?.receive(payload)).not.toThrow();
      await flush();

      expect(invalid).toHaveLength(1);
      expect(invalid[0]?.event).toBe(payload);
      expect(invalid[0]?.reason).toMatch(/\S/);
      expect(visible()).toEqual([todo("a", "a", { version: 1, done: true })]);
      expect(manager.store.pendingMutations).toEqual(pendingBefore);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );
});
