import vue from "@vitejs/plugin-vue";
import { defineConfig } from "vite";

// The reference server; the dev server proxies the API and both realtime endpoints to it,
// so the app and the API share an origin (no CORS).
const server = process.env.AOS_SERVER_URL ?? "http://127.0.0.1:3001";

export default defineConfig({
  plugins: [vue()],
  server: {
    host: "127.0.0.1",
    port: Number(process.env.PORT ?? 5174),
    strictPort: true,
    proxy: {
      "/api": server,
      "/socket.io": { target: server, ws: true },
      "/ws": { target: server, ws: true },
    },
  },
  preview: {
    host: "127.0.0.1",
    port: Number(process.env.PORT ?? 4174),
    proxy: {
      "/api": server,
      "/socket.io": { target: server, ws: true },
      "/ws": { target: server, ws: true },
    },
  },
});
