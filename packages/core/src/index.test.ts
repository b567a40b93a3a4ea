import { anyInPublicDeclarations } from "@aos/vitest-config/declarations";
import { expect, it } from "vitest";
import * as api from "./index";

it("exports exactly the public API", () => {
  expect(Object.keys(api).sort()).toEqual([
    "AosError",
    "ConflictError",
    "InvalidServerResponseError",
    "ManagerStatus",
    "MutationError",
    "OptimisticStore",
    "ValidationError",
    "createCountObserver",
    "createEntityObserver",
    "createFormObserver",
    "createListObserver",
    "createObserver",
    "createOptimisticStoreManager",
    "createPendingObserver",
    "createStatusObserver",
    "isAosError",
  ]);
});

it("declares its public types without any", () => {
  expect(anyInPublicDeclarations(new URL("./index.ts", import.meta.url))).toEqual({});
}, 60_000);
