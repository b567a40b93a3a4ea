import { demoViteConfig } from "@aos/demo-kit/vite";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig(demoViteConfig(react(), 5173));
