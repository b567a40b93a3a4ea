import { defineConfig } from "@aos/eslint-config";

export default defineConfig(import.meta.dirname);
