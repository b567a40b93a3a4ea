import { defineTestConfig } from "@aos/vitest-config";

// Real servers on loopback, sharing two cores with the rest of CI: allow for slow moments.
export default defineTestConfig({ test: { testTimeout: 30_000 } });
