import { defineConfig } from "@playwright/test";
import { chromiumLaunchOptions } from "@aos/demo-kit/chromium";

// The UI workload's pages at a small size: behaviour, never timings.
export default defineConfig({
  testDir: "ui/e2e",
  outputDir: "test-results/e2e",
  reporter: [["list"], ["json", { outputFile: "test-results/playwright.json" }]],
  workers: 1,
  timeout: 30_000,
  use: { launchOptions: chromiumLaunchOptions },
});
