import { defineTestConfig } from "@aos/vitest-config";

// The guides' samples that are tests run as tests (the testing guide shows code that passes),
// and the package READMEs are checked against this site.
export default defineTestConfig({
  test: {
    include: ["snippets/**/*.test.{ts,tsx}", "test/**/*.test.ts"],
    typecheck: { enabled: false },
    // Three files start the reference server (an embedded PostgreSQL): on a loaded 2-core CI
    // machine that alone can take most of the default 10 s.
    hookTimeout: 30_000,
    testTimeout: 20_000,
  },
});
