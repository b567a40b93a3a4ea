import type { ConfigWithExtendsArray } from "eslint/config";
import type { Linter } from "eslint";

/**
 * The workspace's ESLint flat config: ESLint's recommended rules and typescript-eslint's
 * strict, type-aware rules, resolved through the TypeScript project service.
 *
 * @example
 * // eslint.config.js
 * import { defineConfig } from "@aos/eslint-config";
 * export default defineConfig(import.meta.dirname);
 */
export declare function defineConfig(
  tsconfigRootDir: string,
  ...overrides: ConfigWithExtendsArray
): Linter.Config[];
