import { defineLibraryConfig } from "@aos/tsup-config";

export default defineLibraryConfig({
  entry: ["src/index.ts", "src/main.ts"],
  format: ["esm"],
  platform: "node",
  target: "node20",
  dts: false,
  // The shared schemas are TypeScript sources: bundle them.
  noExternal: ["@aos/app-schemas"],
});
