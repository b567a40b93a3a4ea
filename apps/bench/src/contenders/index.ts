import { createAosContender } from "./aos";
import { createDbContender } from "./db";
import { createMobxContender } from "./mobx";
import { createQueryContender } from "./query";
import type { ContenderFactory } from "./types";

/** Every contender, by the name the runner passes to a worker process. */
export const contenders: Record<string, ContenderFactory> = {
  aos: createAosContender,
  db: createDbContender,
  mobx: createMobxContender,
  query: createQueryContender,
};
