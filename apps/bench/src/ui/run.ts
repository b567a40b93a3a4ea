// The UI workload (pnpm bench, after the node workloads): each contender's page in Chromium,
// several times in rotating order, a fresh page each time, timed in the production build and
// counted in the profiling build; medians and spread to results/ui-latest.{json,md} and into
// README.md.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";
import { cell, machine, writeResults } from "../report";
import { summarize } from "../stats";
import { chromiumLaunchOptions } from "@aos/demo-kit/chromium";
import { UI_CONTENDERS, type UiContender, type UiMeasurement } from "./measurement";
import { measurePage } from "./measurePage";
import { serveStatic } from "./staticServer";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const env = process.env;
const rows = Number(env.BENCH_UI_ROWS ?? 1_000);
const repetitions = Number(env.BENCH_RUNS ?? 5);
const names = (env.BENCH_UI_CONTENDERS ?? "aos,query,db")
  .split(",")
  .filter((name): name is UiContender => Object.hasOwn(UI_CONTENDERS, name));
const reactVersion = (
  JSON.parse(readFileSync(join(root, "node_modules/react/package.json"), "utf8")) as {
    version: string;
  }
).version;

const server = await serveStatic(join(root, "dist-ui"));
const browser = await chromium.launch(chromiumLaunchOptions);
const chromiumVersion = browser.version();
const measurements: UiMeasurement[] = [];
try {
  for (let run = 0; run < repetitions; run++) {
    // Rotate who goes first, so no contender always runs on a cold or a warm machine.
    const order = names.map((_, index) => names[(index + run) % names.length] ?? "aos");
    for (const contender of order) {
      for (const build of ["production", "profiling"] as const) {
        const context = await browser.newContext();
        const page = await context.newPage();
        const measurement = await measurePage(page, server.url, { contender, build, rows });
        await context.close();
        measurements.push(measurement);
        const { correct, problem, ...metrics } = measurement;
        process.stderr.write(
          `${run + 1}/${repetitions} UI ${JSON.stringify(metrics)}${correct ? "" : ` WRONG: ${problem ?? ""}`}\n`,
        );
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
}

const table = names.map((name) => {
  const runs = measurements.filter((item) => item.contender === UI_CONTENDERS[name]);
  const timed = runs.filter((item) => item.build === "production");
  const counted = runs.filter((item) => item.build === "profiling");
  const wrong = runs.filter((item) => !item.correct);
  const values = (items: UiMeasurement[], read: (item: UiMeasurement) => number | null) =>
    summarize(items.map((item) => read(item) ?? Number.NaN));
  return {
    contender: UI_CONTENDERS[name],
    correct: wrong.length === 0,
    problems: wrong.map((item) => `${item.build}: ${item.problem ?? ""}`),
    metrics: {
      // A wrong result is reported, not timed.
      firstMs: wrong.length === 0 ? values(timed, (item) => item.firstMs) : undefined,
      ms: wrong.length === 0 ? values(timed, (item) => item.ms) : undefined,
      commits: values(counted, (item) => item.commits),
      rowRenders: values(timed, (item) => item.rowRenders),
      listRenders: values(timed, (item) => item.listRenders),
    },
  };
});
const columns = {
  firstMs: "ms to the first rows",
  ms: "ms to the final DOM",
  commits: "React commits",
  rowRenders: "row renders",
  listRenders: "list renders",
} as const;
const metricKeys = Object.keys(columns) as (keyof typeof columns)[];

const machineLine = machine(`Chromium ${chromiumVersion} (headless), React ${reactVersion}`);
const count = rows.toLocaleString("en");
const markdown = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${machineLine}; ${count} rows, ${count} updates (one per row, each in a task of its own), ${repetitions} runs each, a fresh page each time: median (min–max). Time and renders from the production build, commits from the profiling build.`,
  "",
  `| contender | ${metricKeys.map((key) => columns[key]).join(" | ")} | correct |`,
  `| --- | ${metricKeys.map(() => "---:").join(" | ")} | --- |`,
  ...table.map(
    (row) =>
      `| ${row.contender} | ${metricKeys.map((key) => cell(row.metrics[key], "not timed")).join(" | ")} | ${row.correct ? "yes" : `**no**: ${row.problems[0] ?? ""}`} |`,
  ),
].join("\n");

await writeResults(root, {
  name: "ui-latest",
  marker: "ui-results",
  json: { machine: machineLine, rows, repetitions, table, measurements },
  markdown,
});
console.log(markdown);
