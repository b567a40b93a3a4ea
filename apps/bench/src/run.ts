// pnpm bench: every workload, every contender in a process of its own, several repetitions
// in rotating order; medians and spread to results/latest.{json,md} and into README.md.
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { cell, machine, writeResults } from "./report";
import { summarize } from "./stats";
import type { Measurement, WorkloadOptions } from "./workloads";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const env = process.env;
const options: WorkloadOptions = {
  n: Number(env.BENCH_N ?? 10_000),
  watched: 100,
  events: Number(env.BENCH_EVENTS ?? 10_000),
  edits: Number(env.BENCH_EDITS ?? 1_000),
};
const repetitions = Number(env.BENCH_RUNS ?? 5);
const names = (env.BENCH_CONTENDERS ?? "aos,mobx,query,db").split(",");
const workloads = [
  "ingest",
  "reconcile",
  "concurrent",
  "concurrent, every 10th rejected",
  "one at a time",
  "memory",
];

const measurements: Measurement[] = [];
for (let run = 0; run < repetitions; run++) {
  for (const workload of workloads) {
    // Rotate who goes first, so no contender always runs on a cold or a warm machine.
    const order = names.map((_, index) => names[(index + run) % names.length] ?? "");
    for (const name of order) {
      const output = execFileSync(
        process.execPath,
        ["--expose-gc", join(root, "dist/worker.js"), name, workload, JSON.stringify(options)],
        // Production builds, as users ship them: MobX's development build alone is much slower.
        {
          encoding: "utf8",
          maxBuffer: 16 * 1024 * 1024,
          env: { ...process.env, NODE_ENV: "production" },
        },
      );
      const measurement = JSON.parse(output) as Measurement;
      measurements.push(measurement);
      process.stderr.write(
        `${run + 1}/${repetitions} ${measurement.workload} · ${measurement.contender}: ${JSON.stringify(measurement.metrics)}${measurement.correct ? "" : ` WRONG: ${measurement.problem ?? ""}`}\n`,
      );
    }
  }
}

interface Row {
  workload: string;
  contender: string;
  correct: boolean;
  problems: string[];
  metrics: Record<string, ReturnType<typeof summarize>>;
}
const table = new Map<string, Row>();
for (const measurement of measurements) {
  const key = `${measurement.workload}\u0000${measurement.contender}`;
  const row = table.get(key) ?? {
    workload: measurement.workload,
    contender: measurement.contender,
    correct: true,
    problems: [],
    metrics: {},
  };
  row.correct &&= measurement.correct;
  if (measurement.problem !== undefined) row.problems.push(measurement.problem);
  table.set(key, row);
}
for (const row of table.values()) {
  const runs = measurements.filter(
    (item) => item.workload === row.workload && item.contender === row.contender,
  );
  for (const metric of Object.keys(runs[0]?.metrics ?? {})) {
    row.metrics[metric] = summarize(runs.map((item) => item.metrics[metric] ?? Number.NaN));
  }
}

const machineLine = machine(`Node ${process.version}`);
const rows = [...table.values()];
const metricNames = [...new Set(rows.flatMap((row) => Object.keys(row.metrics)))];
let markdown = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${machineLine}; N = ${options.n.toLocaleString("en")} rows, ${options.watched} row subscribers and one list subscriber, ${repetitions} runs each: median (min–max).`,
  "",
  `| workload | contender | ${metricNames.join(" | ")} | correct |`,
  `| --- | --- | ${metricNames.map(() => "---:").join(" | ")} | --- |`,
  ...rows.map(
    (row) =>
      `| ${row.workload} | ${row.contender} | ${metricNames.map((metric) => cell(row.metrics[metric])).join(" | ")} | ${row.correct ? "yes" : `**no**: ${row.problems[0] ?? ""}`} |`,
  ),
].join("\n");

// The issue's targets for @aos/core, as ratios within this run.
const value = (workload: string, contender: string, metric: string) => {
  const row = table.get(`${workload}\u0000${contender}`);
  return row?.correct === false ? Number.NaN : (row?.metrics[metric]?.median ?? Number.NaN);
};
const AOS = "@aos/core";
const targets: [string, number, (ratio: number) => boolean, string][] = [
  [
    "ingest: events/s vs the bare MobX map",
    value("realtime ingest", AOS, "eventsPerSecond") /
      value("realtime ingest", "mobx map", "eventsPerSecond"),
    (ratio) => ratio >= 0.8,
    ">= 0.8x",
  ],
  [
    "ingest: events/s vs TanStack DB",
    value("realtime ingest", AOS, "eventsPerSecond") /
      value("realtime ingest", "@tanstack/db", "eventsPerSecond"),
    (ratio) => ratio >= 5,
    ">= 5x",
  ],
  [
    "reconcile: TanStack DB's time / ours",
    value("refetch reconcile", "@tanstack/db", "ms") / value("refetch reconcile", AOS, "ms"),
    (ratio) => ratio >= 1,
    ">= 1x (no slower)",
  ],
  ...(["concurrent", "concurrent, every 10th rejected", "one at a time"] as const).flatMap(
    (mode): [string, number, (ratio: number) => boolean, string][] => {
      const workload = `optimistic round trips, ${mode}`;
      return [
        [
          `round trips (${mode}): the MobX map's time / ours`,
          value(workload, "mobx map", "ms") / value(workload, AOS, "ms"),
          (ratio) => ratio >= 1,
          ">= 1x (no slower)",
        ],
        [
          `round trips (${mode}): TanStack DB's time / ours`,
          value(workload, "@tanstack/db", "ms") / value(workload, AOS, "ms"),
          (ratio) => ratio >= 10,
          ">= 10x",
        ],
      ];
    },
  ),
  [
    "callbacks: ours / the ideal (ingest and reconcile)",
    (value("realtime ingest", AOS, "callbacks") + value("refetch reconcile", AOS, "callbacks")) /
      (value("realtime ingest", AOS, "idealCallbacks") +
        value("refetch reconcile", AOS, "idealCallbacks")),
    (ratio) => ratio === 1,
    "exactly 1",
  ],
  [
    "heap: ours / the MobX map's",
    value("memory", AOS, "retainedMB") / value("memory", "mobx map", "retainedMB"),
    (ratio) => ratio <= 1,
    "<= 1x",
  ],
];
const targetTable = [
  "| target for @aos/core | wanted | measured | met |",
  "| --- | --- | ---: | --- |",
  ...targets.map(
    ([name, ratio, met, wanted]) =>
      `| ${name} | ${wanted} | ${Number.isNaN(ratio) ? "a result was wrong or missing" : `${ratio.toFixed(2)}x`} | ${Number.isNaN(ratio) ? "" : met(ratio) ? "yes" : "**no**"} |`,
  ),
].join("\n");

markdown = `${markdown}\n\n${targetTable}`;
await writeResults(root, {
  name: "latest",
  marker: "results",
  json: { machine: machineLine, options, repetitions, rows, measurements },
  markdown,
});
console.log(markdown);
