import { defineConfig } from "@aos/eslint-config";

export default defineConfig(import.meta.dirname, {
  // The demo launcher talks to the terminal.
  files: ["scripts/**"],
  rules: { "no-console": "off" },
});
