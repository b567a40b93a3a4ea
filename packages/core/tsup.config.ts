import { defineLibraryConfig } from "@aos/tsup-config";

export default defineLibraryConfig({ entry: ["src/index.ts", "src/realtime.ts"] });
