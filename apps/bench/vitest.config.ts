import { defineTestConfig } from "@aos/vitest-config";

// The contenders are measured, not unit-covered: no coverage thresholds here.
export default defineTestConfig({ test: { testTimeout: 60_000 } });
