import { anyInPublicDeclarations } from "@aos/vitest-config/declarations";
import { expect, it } from "vitest";
import * as api from "./realtime";

it("exports exactly the public API of @aos/core/realtime", () => {
  expect(Object.keys(api).sort()).toEqual([
    "RealtimeExtension",
    "createRealtime",
    "createRealtimeExtension",
  ]);
});

it("declares its public types without any", () => {
  expect(anyInPublicDeclarations(new URL("./realtime.ts", import.meta.url))).toEqual({});
}, 60_000);
