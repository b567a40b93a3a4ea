import { demoViteConfig } from "@aos/demo-kit/vite";
import vue from "@vitejs/plugin-vue";
import { defineConfig } from "vite";

export default defineConfig(demoViteConfig(vue(), 5174));
