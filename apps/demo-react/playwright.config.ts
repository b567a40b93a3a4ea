import { defineConfig } from "@playwright/test";

/** Where the e2e tests start the reference server (see e2e/server.ts). */
export const SERVER_PORT = 3191;
const APP_PORT = 4183;

// Debian's Chromium, never a downloaded browser; the flags keep it off the closed network.
const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  reporter: [["list"], ["json", { outputFile: "test-results/playwright.json" }]],
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://127.0.0.1:${APP_PORT}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: chromiumArgs,
    },
  },
  webServer: {
    command: `vite preview --port ${APP_PORT} --strictPort`,
    url: `http://127.0.0.1:${APP_PORT}`,
    env: { AOS_SERVER_URL: `http://127.0.0.1:${SERVER_PORT}` },
    reuseExistingServer: false,
  },
});
