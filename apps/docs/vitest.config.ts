import { defineTestConfig } from "@aos/vitest-config";

// The guides' samples that are tests run as tests: the testing guide shows code that passes.
export default defineTestConfig({
  test: { include: ["snippets/**/*.test.{ts,tsx}"], typecheck: { enabled: false } },
});
