import type { ViteUserConfig } from "vitest/config";

/**
 * The workspace's Vitest preset: tests and type tests beside the sources, V8 coverage
 * of `src` with the project's thresholds, and a JSON report that `.ci/run` sums up.
 *
 * @example
 * // vitest.config.ts
 * import { defineTestConfig } from "@aos/vitest-config";
 * export default defineTestConfig();
 */
export declare function defineTestConfig(
  overrides?: ViteUserConfig,
  options?: { report?: string },
): ViteUserConfig;
