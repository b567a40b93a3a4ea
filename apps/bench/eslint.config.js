import { defineConfig } from "@aos/eslint-config";

export default defineConfig(
  import.meta.dirname,
  { ignores: ["dist-ui/**"] },
  {
    // The runners report to the terminal.
    files: ["src/run.ts", "src/ui/run.ts"],
    rules: { "no-console": "off" },
  },
);
