import { defineLibraryConfig } from "@aos/tsup-config";

export default defineLibraryConfig();
