import { defineTestConfig } from "@aos/vitest-config";

// The same suite against MobX 6, the other major version the peer range accepts.
export default defineTestConfig(
  { resolve: { alias: { mobx: "mobx6" } }, test: { typecheck: { enabled: false } } },
  { report: "vitest-mobx6" },
);
