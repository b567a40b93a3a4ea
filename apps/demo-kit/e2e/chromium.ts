import type { LaunchOptions } from "@playwright/test";

/**
 * Debian's Chromium, never a downloaded browser (`CHROMIUM_PATH` overrides the path), headless
 * and kept off the closed network: the launch options of every browser test and of the bench.
 *
 * @example
 * const browser = await chromium.launch(chromiumLaunchOptions);
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
