import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import { UI_CONTENDERS, type UiContender } from "../../src/ui/measurement";
import { measurePage } from "../../src/ui/measurePage";
import { serveStatic } from "../../src/ui/staticServer";

const ROWS = 200;
let server: Awaited<ReturnType<typeof serveStatic>>;

test.beforeAll(async () => {
  server = await serveStatic(join(dirname(fileURLToPath(import.meta.url)), "../../dist-ui"));
});
test.afterAll(async () => {
  await server.close();
});

for (const contender of Object.keys(UI_CONTENDERS) as UiContender[]) {
  for (const build of ["production", "profiling"] as const) {
    test(`${UI_CONTENDERS[contender]} (${build} build) ends showing the server's ${ROWS} rows`, async ({
      page,
    }) => {
      const result = await measurePage(page, server.url, { contender, build, rows: ROWS });

      expect(result.problem).toBeUndefined();
      expect(result).toMatchObject({ correct: true, rows: ROWS, updates: ROWS });
      expect(result.ms).toBeGreaterThan(0);
      // Every row changed, so every row rendered at least once.
      expect(result.rowRenders).toBeGreaterThanOrEqual(ROWS);
      // Only the profiling build calls `<Profiler onRender>`.
      if (build === "profiling") expect(result.commits).toBeGreaterThan(0);
      else expect(result.commits).toBeNull();
    });
  }
}

test("@aos/react renders each updated row exactly once, and never the list", async ({ page }) => {
  const result = await measurePage(page, server.url, {
    contender: "aos",
    build: "profiling",
    rows: ROWS,
  });

  expect(result.correct).toBe(true);
  expect(result.rowRenders).toBe(ROWS);
  expect(result.listRenders).toBe(0);
});
