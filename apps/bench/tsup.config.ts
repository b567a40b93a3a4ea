import { defineLibraryConfig } from "@aos/tsup-config";

export default defineLibraryConfig({
  entry: ["src/run.ts", "src/worker.ts"],
  format: ["esm"],
  platform: "node",
  target: "node20",
  dts: false,
  sourcemap: false,
});
