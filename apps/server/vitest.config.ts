import { defineTestConfig } from "@aos/vitest-config";

export default defineTestConfig({
  // main.ts only reads the environment and starts the server; `pnpm start` runs it.
  test: { coverage: { exclude: ["src/main.ts", "src/index.ts"] }, testTimeout: 20_000 },
});
