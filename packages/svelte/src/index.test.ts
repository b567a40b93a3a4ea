// @vitest-environment node
import { anyInPublicDeclarations } from "@aos/vitest-config/declarations";
import { expect, it } from "vitest";
import * as api from "./index";

it("exports exactly the public API", () => {
  expect(Object.keys(api).sort()).toEqual([
    "entityStore",
    "formStore",
    "listStore",
    "pendingStore",
    "statusStore",
    "toStore",
  ]);
});

it("declares its public types without any", () => {
  expect(anyInPublicDeclarations(new URL("./index.ts", import.meta.url))).toEqual({});
}, 60_000);
