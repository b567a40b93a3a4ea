// @ts-check
import { defineConfig } from "tsup";

/**
 * The workspace's tsup preset for a published package: `src/index.ts` to ESM (`.js`) and
 * CommonJS (`.cjs`) with declarations for both (`.d.ts`, `.d.cts`). Dependencies and peer
 * dependencies stay external, as tsup does by default.
 *
 * @param {import("tsup").Options} [overrides] merged over the preset
 */
export function defineLibraryConfig(overrides = {}) {
  return defineConfig({
    entry: ["src/index.ts"],
    format: ["esm", "cjs"],
    // TypeScript 6 deprecates options tsup's declaration build still sets.
    dts: { compilerOptions: { ignoreDeprecations: "6.0" } },
    target: "es2022",
    platform: "neutral",
    sourcemap: true,
    clean: true,
    treeshake: true,
    splitting: false,
    ...overrides,
  });
}
