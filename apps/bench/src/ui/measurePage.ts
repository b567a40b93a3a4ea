import type { Page } from "@playwright/test";
import type { UiBuild, UiContender, UiMeasurement } from "./measurement";

/** Opens the UI workload's page for `contender` in `build` and returns what it measured. */
export async function measurePage(
  page: Page,
  baseUrl: string,
  { contender, build, rows }: { contender: UiContender; build: UiBuild; rows: number },
): Promise<UiMeasurement> {
  const errors: Error[] = [];
  page.on("pageerror", (error) => errors.push(error));
  const path = build === "profiling" ? "/profiling/" : "/";
  await page.goto(`${baseUrl}${path}?contender=${contender}&rows=${rows}`);
  const handle = await page
    .waitForFunction(() => window.benchResult, undefined, { timeout: 60_000 })
    .catch((error: unknown) => {
      throw errors[0] ?? error;
    });
  const measurement = await handle.jsonValue();
  if (errors[0] !== undefined) throw errors[0];
  if (measurement === undefined) throw new Error(`The ${contender} page reported nothing.`);
  return measurement;
}
