import { existsSync, readFileSync } from "node:fs";
import { defineConfig, type DefaultTheme } from "vitepress";

// Written by TypeDoc (`pnpm api`, part of every build) from the packages' TSDoc.
const apiSidebarFile = new URL("../reference/api/typedoc-sidebar.json", import.meta.url);
const apiSidebar: DefaultTheme.SidebarItem[] = existsSync(apiSidebarFile)
  ? (JSON.parse(readFileSync(apiSidebarFile, "utf8")) as DefaultTheme.SidebarItem[])
  : [];

const guide: DefaultTheme.SidebarItem[] = [
  {
    text: "Introduction",
    items: [
      { text: "Getting started", link: "/guide/getting-started" },
      { text: "The state model", link: "/concepts/state-model" },
      { text: "Architecture", link: "/concepts/architecture" },
      { text: "The server contract", link: "/reference/server-api" },
      { text: "Compared with the alternatives", link: "/comparison" },
    ],
  },
  {
    text: "Guides",
    items: [
      { text: "Optimistic updates and rollback", link: "/guide/optimistic-updates" },
      { text: "Forms and schemas", link: "/guide/forms" },
      { text: "Transforms", link: "/guide/transforms" },
      { text: "Authentication and enabled", link: "/guide/authentication" },
      { text: "Realtime", link: "/guide/realtime" },
      { text: "Realtime with socket.io", link: "/guide/realtime-socketio" },
      { text: "Realtime with a plain WebSocket", link: "/guide/realtime-websocket" },
      { text: "Conflicts", link: "/guide/conflicts" },
      { text: "Testing your stores", link: "/guide/testing" },
      { text: "Server rendering", link: "/guide/server-rendering" },
      { text: "Advanced", link: "/guide/advanced" },
    ],
  },
];

export default defineConfig({
  title: "AOS",
  description:
    "Optimistic, realtime client stores for CRUD entities: MobX for the UI, TanStack Query for the server, exact rollback.",
  cleanUrls: true,
  head: [["link", { rel: "icon", type: "image/svg+xml", href: "/favicon.svg" }]],
  lastUpdated: false,
  themeConfig: {
    nav: [
      { text: "Guide", link: "/guide/getting-started" },
      { text: "Concepts", link: "/concepts/state-model" },
      { text: "Comparison", link: "/comparison" },
      { text: "Server contract", link: "/reference/server-api" },
      { text: "API", link: "/reference/api/" },
    ],
    // The deepest matching path wins: the API pages get their own sidebar, every other page the guide's.
    sidebar: {
      "/reference/api/": [{ text: "API reference", link: "/reference/api/", items: apiSidebar }],
      "/": guide,
    },
    search: { provider: "local" },
    outline: [2, 3],
  },
});
