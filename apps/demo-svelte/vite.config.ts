import { demoViteConfig } from "@aos/demo-kit/vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { defineConfig } from "vite";

export default defineConfig(demoViteConfig(svelte(), 5175));
