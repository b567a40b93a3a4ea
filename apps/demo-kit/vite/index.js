// @ts-check
// Plain JavaScript: Vite loads its config through Node, which cannot run TypeScript here.

/**
 * A demo's Vite config: its framework plugin, and a dev and preview server on `port` (preview
 * on `port - 1000`) that proxy the API and both realtime endpoints to the reference server,
 * so the app and the API share an origin (no CORS).
 *
 * @param {import("vite").PluginOption} plugin
 * @param {number} port
 * @returns {import("vite").UserConfig}
 */
export function demoViteConfig(plugin, port) {
  const server = process.env.AOS_SERVER_URL ?? "http://127.0.0.1:3001";
  const proxy = {
    "/api": server,
    "/socket.io": { target: server, ws: true },
    "/ws": { target: server, ws: true },
  };
  return {
    plugins: [plugin],
    server: { host: "127.0.0.1", port: Number(process.env.PORT ?? port), strictPort: true, proxy },
    preview: { host: "127.0.0.1", port: Number(process.env.PORT ?? port - 1000), proxy },
  };
}
