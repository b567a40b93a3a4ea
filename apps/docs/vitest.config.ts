import { defineTestConfig } from "@aos/vitest-config";
import vue from "@vitejs/plugin-vue";

// The guides' samples that are tests run as tests (the testing guide shows code that passes),
// and the package READMEs are checked against this site. The Vue plugin lets a test render the
// getting-started components as the page shows them.
export default defineTestConfig({
  plugins: [vue()],
  test: {
    include: ["snippets/**/*.test.{ts,tsx}", "test/**/*.test.{ts,tsx}"],
    typecheck: { enabled: false },
    // Three files start the reference server (an embedded PostgreSQL): on a loaded 2-core CI
    // machine that alone can take most of the default 10 s.
    hookTimeout: 30_000,
    testTimeout: 20_000,
  },
});
