// @vitest-environment node
import { fileURLToPath } from "node:url";
import { emitDeclarations, findAny } from "@aos/vitest-config/declarations";
import { expect, it } from "vitest";
import * as api from "./index";

it("exports exactly the public API", () => {
  expect(Object.keys(api).sort()).toEqual([
    "entityStore",
    "formStore",
    "listStore",
    "statusStore",
    "toStore",
  ]);
});

it("declares its public types without any", () => {
  const files = emitDeclarations(fileURLToPath(new URL("./index.ts", import.meta.url)));

  expect(files.size).toBeGreaterThan(0);
  for (const [file, text] of files) expect(findAny(text), file).toEqual([]);
}, 60_000);
