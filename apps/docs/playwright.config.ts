import { chromiumLaunchOptions } from "@aos/demo-kit/chromium";
import { defineConfig } from "@playwright/test";

const PORT = 4190;

// The built site (`pnpm build`), served as it would be deployed.
export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  reporter: [["list"], ["json", { outputFile: "test-results/playwright.json" }]],
  workers: 1,
  timeout: 30_000,
  use: { baseURL: `http://127.0.0.1:${PORT}`, launchOptions: chromiumLaunchOptions },
  webServer: {
    command: `vitepress preview --port ${PORT}`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: false,
  },
});
