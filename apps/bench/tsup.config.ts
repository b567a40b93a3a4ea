import { defineLibraryConfig } from "@aos/tsup-config";

export default defineLibraryConfig({
  entry: ["src/run.ts", "src/worker.ts", "src/ui/run.ts"],
  format: ["esm"],
  platform: "node",
  target: "node20",
  dts: false,
  sourcemap: false,
  // Tools the runners load from node_modules: Playwright cannot be bundled.
  external: ["@playwright/test", "prettier"],
});
