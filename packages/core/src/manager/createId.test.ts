import { afterEach, describe, expect, it, vi } from "vitest";
import { createId } from "./createId";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("createId", () => {
  it("returns distinct UUID v4 strings", () => {
    const ids = new Set(Array.from({ length: 100 }, createId));

    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(UUID_V4);
  });

  it("builds a UUID v4 from getRandomValues where randomUUID is missing (plain http pages)", () => {
    const real = globalThis.crypto;
    vi.stubGlobal("crypto", {
      getRandomValues: (bytes: Uint8Array<ArrayBuffer>) => real.getRandomValues(bytes),
    });

    expect(createId()).toMatch(UUID_V4);
  });

  it("still returns a UUID v4 shape without any crypto", () => {
    vi.stubGlobal("crypto", undefined);

    expect(createId()).toMatch(UUID_V4);
  });
});
