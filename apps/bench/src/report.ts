// What both runners (store workloads and the UI workload) share: the machine line, the table
// cells, and writing results/<name>.{json,md} and the README section between markers.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import * as prettier from "prettier";
import type { summarize } from "./stats";

/** The CPU, its cores and the memory, then what the runner adds (Node, Chromium). */
export function machine(runtime: string): string {
  return `${cpus().length} × ${cpus()[0]?.model.trim() ?? "unknown CPU"}, ${Math.round(totalmem() / 2 ** 30)} GiB, ${runtime}`;
}

function format(value: number): string {
  return Number.isInteger(value) || value >= 100
    ? Math.round(value).toLocaleString("en")
    : value.toFixed(value >= 10 ? 1 : 2);
}

/** A table cell: the median, and the range when the runs differ. */
export function cell(summary: ReturnType<typeof summarize> | undefined, missing = ""): string {
  if (summary === undefined) return missing;
  return summary.min === summary.max
    ? format(summary.median)
    : `${format(summary.median)} (${format(summary.min)}–${format(summary.max)})`;
}

/**
 * Writes `results/<name>.json` and `results/<name>.md`, and puts `markdown` into README.md
 * between `<!-- <marker>:start -->` and `<!-- <marker>:end -->`, all as the repository's
 * Prettier would write them, so `pnpm format:check` stays green.
 */
export async function writeResults(
  root: string,
  {
    name,
    marker,
    json,
    markdown,
  }: { name: string; marker: string; json: unknown; markdown: string },
): Promise<void> {
  const pretty = async (text: string, file: string) =>
    prettier.format(text, { ...(await prettier.resolveConfig(file)), filepath: file, plugins: [] });
  mkdirSync(join(root, "results"), { recursive: true });
  const jsonPath = join(root, `results/${name}.json`);
  writeFileSync(jsonPath, await pretty(JSON.stringify(json), jsonPath));
  const markdownPath = join(root, `results/${name}.md`);
  writeFileSync(markdownPath, await pretty(markdown, markdownPath));
  const readmePath = join(root, "README.md");
  const readme = readFileSync(readmePath, "utf8");
  const start = `<!-- ${marker}:start -->`;
  const end = `<!-- ${marker}:end -->`;
  if (!readme.includes(start) || !readme.includes(end)) return;
  const section = `${readme.slice(0, readme.indexOf(start) + start.length)}\n${markdown}\n${readme.slice(readme.indexOf(end))}`;
  writeFileSync(readmePath, await pretty(section, readmePath));
}
