// One contender, one workload, in a process of its own: node --expose-gc dist/worker.js
//   <contender> <workload> <options JSON>; prints one Measurement as JSON.
import { contenders } from "./contenders";
import {
  type EditMode,
  ingest,
  memory,
  reconcile,
  roundTrips,
  type WorkloadOptions,
} from "./workloads";

const [name = "", workload = "", json = "{}"] = process.argv.slice(2);
const create = contenders[name];
if (create === undefined) throw new Error(`Unknown contender ${JSON.stringify(name)}.`);
const options = JSON.parse(json) as WorkloadOptions;

const run = () => {
  switch (workload) {
    case "ingest":
      return ingest(create(), options);
    case "reconcile":
      return reconcile(create(), options);
    case "memory":
      return memory(create, options);
    default:
      return roundTrips(create(), options, workload as EditMode);
  }
};

process.stdout.write(`${JSON.stringify(await run())}\n`);
process.exit(0);
