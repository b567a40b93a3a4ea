import { Profiler, type ReactElement } from "react";
import { createRoot } from "react-dom/client";
import { initialRows } from "../../src/data";
import {
  UI_CONTENDERS,
  type UiBuild,
  type UiContender,
  type UiMeasurement,
} from "../../src/ui/measurement";
import { counts, countCommit, resetCounts } from "./probe";
import { type Backend, createSocket } from "./socket";
import { applied, differenceFrom, eachInItsOwnTask, frameWhen, oneUpdatePerRow } from "./workload";

const pages: Record<
  UiContender,
  () => Promise<{ createList: (backend: Backend) => ReactElement }>
> = {
  aos: () => import("./contenders/aos"),
  query: () => import("./contenders/query"),
  db: () => import("./contenders/db"),
};

const isContender = (name: string): name is UiContender => Object.hasOwn(pages, name);
const build: UiBuild = import.meta.env.MODE === "profiling" ? "profiling" : "production";

const settle = (ms: number) =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

// ?contender=aos|query|db&rows=1000: renders the rows, then sends one update per row, each in
// a task of its own, and times until the DOM shows them all.
async function measure(name: UiContender, n: number): Promise<UiMeasurement> {
  const rows = initialRows(n);
  const updates = oneUpdatePerRow(rows, 8);
  const socket = createSocket();
  const { createList } = await pages[name]();
  const container = document.getElementById("root");
  if (container === null) throw new Error("No #root.");
  const measured = () => ({
    contender: UI_CONTENDERS[name],
    build,
    rows: n,
    updates: updates.length,
    commits: build === "profiling" ? counts.commits : null,
    rowRenders: counts.rowRenders,
    listRenders: counts.listRenders,
  });

  const mounted = performance.now();
  createRoot(container).render(
    <Profiler id="list" onRender={countCommit}>
      {createList({ fetchRows: () => Promise.resolve(rows.map((row) => ({ ...row }))), socket })}
    </Profiler>,
  );
  const initialDifference = differenceFrom(rows);
  const firstShown = await frameWhen(() => initialDifference(container) === undefined, 10_000);
  if (firstShown === undefined)
    return {
      ...measured(),
      correct: false,
      firstMs: null,
      ms: null,
      problem: `the first rows never showed: ${initialDifference(container) ?? ""}`,
    };
  // Let the first render's effects, its garbage and the list's loading settle.
  await settle(200);
  resetCounts();

  const finalDifference = differenceFrom(applied(rows, updates));
  const start = performance.now();
  await eachInItsOwnTask(updates, (row) => {
    socket.receive({ type: "rows", event: "UPDATE", data: row });
  });
  const shown = await frameWhen(() => finalDifference(container) === undefined, 10_000);
  const problem = finalDifference(container);
  return {
    ...measured(),
    correct: shown !== undefined && problem === undefined,
    firstMs: firstShown - mounted,
    // A wrong result is reported, not timed.
    ms: shown === undefined || problem !== undefined ? null : shown - start,
    problem,
  };
}

const params = new URLSearchParams(window.location.search);
const name = params.get("contender") ?? "aos";
const n = Number(params.get("rows") ?? 1000);
if (!isContender(name)) throw new Error(`No contender "${name}".`);
window.benchResult = await measure(name, n);
