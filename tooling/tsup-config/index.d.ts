import type { Options } from "tsup";

/**
 * The workspace's tsup preset for a published package: `src/index.ts` to ESM (`.js`) and
 * CommonJS (`.cjs`) with declarations for both (`.d.ts`, `.d.cts`).
 *
 * @example
 * // tsup.config.ts
 * import { defineLibraryConfig } from "@aos/tsup-config";
 * export default defineLibraryConfig();
 */
export declare function defineLibraryConfig(overrides?: Options): Options;
