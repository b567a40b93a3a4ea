// @ts-check
import js from "@eslint/js";
import { defineConfig as defineEslintConfig } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

/**
 * The workspace's ESLint flat config: ESLint's recommended rules and typescript-eslint's
 * strict, type-aware rules, resolved through the TypeScript project service.
 *
 * @param {string} tsconfigRootDir the package's folder (`import.meta.dirname`)
 * @param {...import("eslint/config").ConfigWithExtendsArray} overrides extra config objects, applied last
 */
export function defineConfig(tsconfigRootDir, ...overrides) {
  return defineEslintConfig(
    { ignores: ["dist/**", "coverage/**", "test-results/**", "playwright-report/**"] },
    js.configs.recommended,
    tseslint.configs.strictTypeChecked,
    tseslint.configs.stylisticTypeChecked,
    {
      languageOptions: {
        parserOptions: { projectService: true, tsconfigRootDir },
        globals: { ...globals.browser, ...globals.node },
      },
      linterOptions: { reportUnusedDisableDirectives: "error" },
      rules: {
        "@typescript-eslint/consistent-type-imports": [
          "error",
          { fixStyle: "inline-type-imports" },
        ],
        "@typescript-eslint/consistent-type-exports": "error",
        "@typescript-eslint/no-import-type-side-effects": "error",
        "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
        "@typescript-eslint/switch-exhaustiveness-check": "error",
        eqeqeq: ["error", "always", { null: "ignore" }],
        "no-console": ["error", { allow: ["warn", "error"] }],
      },
    },
    {
      files: ["**/*.test.ts", "**/*.test.tsx", "**/*.test-d.ts", "**/*.spec.ts"],
      rules: {
        // Tests poke at internals and build throwaway values on purpose.
        "@typescript-eslint/no-non-null-assertion": "off",
        "@typescript-eslint/no-unsafe-assignment": "off",
        "@typescript-eslint/no-unsafe-member-access": "off",
        "@typescript-eslint/no-empty-function": "off",
      },
    },
    {
      files: ["**/*.js", "**/*.mjs", "**/*.cjs"],
      extends: [tseslint.configs.disableTypeChecked],
    },
    ...overrides,
  );
}
