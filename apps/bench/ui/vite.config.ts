import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The UI workload's page, built twice by the bench's `build` script: to dist-ui/ as apps ship
// (the timed runs) and, with `--mode profiling`, to dist-ui/profiling/ on React's profiling
// build, where `<Profiler onRender>` fires (it is a no-op in the production build) to count
// commits. Profiling costs up to half the time again, so it is never timed.
export default defineConfig(({ mode }) => ({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "./",
  plugins: [react()],
  resolve: {
    alias:
      mode === "profiling"
        ? [{ find: /^react-dom\/client$/, replacement: "react-dom/profiling" }]
        : [],
  },
  build: {
    outDir: mode === "profiling" ? "../dist-ui/profiling" : "../dist-ui",
    emptyOutDir: true,
  },
}));
