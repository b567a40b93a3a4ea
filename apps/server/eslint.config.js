import { defineConfig } from "@aos/eslint-config";

export default defineConfig(import.meta.dirname, {
  // The command-line entry and the load script talk to the terminal.
  files: ["src/main.ts", "scripts/**"],
  rules: { "no-console": "off" },
});
