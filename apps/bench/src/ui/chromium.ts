import type { LaunchOptions } from "@playwright/test";

/**
 * Debian's Chromium, never a downloaded browser, with the demos' flags (apps/demo-kit/e2e):
 * headless, and kept off the closed network.
 */
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
} satisfies LaunchOptions;
