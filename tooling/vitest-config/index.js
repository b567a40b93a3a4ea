// @ts-check
import { defineConfig, mergeConfig } from "vitest/config";

/**
 * The workspace's Vitest preset: tests and type tests beside the sources, each starting with
 * mocks restored and stubbed env vars and globals put back, V8 coverage of `src` with the
 * project's thresholds, and a JSON report that `.ci/run` sums up.
 *
 * @param {import("vitest/config").ViteUserConfig} [overrides] merged over the preset
 * @param {{ report?: string }} [options] `report` names the JSON report (default "vitest")
 */
export function defineTestConfig(overrides = {}, { report = "vitest" } = {}) {
  return mergeConfig(
    defineConfig({
      test: {
        include: ["src/**/*.test.{ts,tsx}"],
        // Each test starts clean: spies restored, stubbed env vars and globals put back.
        restoreMocks: true,
        unstubEnvs: true,
        unstubGlobals: true,
        typecheck: {
          enabled: true,
          include: ["src/**/*.test-d.{ts,tsx}"],
          tsconfig: "./tsconfig.json",
        },
        reporters: ["default", ["json", { outputFile: `test-results/${report}.json` }]],
        coverage: {
          provider: "v8",
          include: ["src/**/*.{ts,tsx}"],
          exclude: [
            "src/**/*.test.{ts,tsx}",
            "src/**/*.test-d.{ts,tsx}",
            "src/**/*.d.ts",
            "src/testing/**",
          ],
          reporter: [["text", { maxCols: 120 }], "json-summary"],
          reportsDirectory: "coverage",
          thresholds: { lines: 90, statements: 90, functions: 90, branches: 85 },
        },
      },
    }),
    overrides,
  );
}
