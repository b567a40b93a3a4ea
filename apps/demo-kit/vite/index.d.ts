import type { PluginOption, UserConfig } from "vite";

/**
 * A demo's Vite config: its framework plugin, and a dev and preview server on `port` (preview
 * on `port - 1000`) that proxy the API and both realtime endpoints to the reference server.
 */
export declare function demoViteConfig(plugin: PluginOption, port: number): UserConfig;
