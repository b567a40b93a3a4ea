import { defineConfig } from "@aos/eslint-config";

export default defineConfig(import.meta.dirname, {
  // The runner reports to the terminal.
  files: ["src/run.ts"],
  rules: { "no-console": "off" },
});
