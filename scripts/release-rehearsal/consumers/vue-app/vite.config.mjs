import vue from "@vitejs/plugin-vue";
import { defineConfig } from "vite";
import { reportModules } from "./report-modules.mjs";

export default defineConfig({ plugins: [vue(), reportModules()] });
