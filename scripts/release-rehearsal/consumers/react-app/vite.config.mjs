import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { reportModules } from "./report-modules.mjs";

export default defineConfig({ plugins: [react(), reportModules()] });
