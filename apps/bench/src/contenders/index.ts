import { createAosContender } from "./aos";
import { createMobxContender } from "./mobx";
import { createQueryContender } from "./query";
import type { ContenderFactory } from "./types";

/** Every contender, by the name the runner passes to a worker process. */
export const contenders: Record<string, ContenderFactory> = {
  aos: createAosContender,
  mobx: createMobxContender,
  query: createQueryContender,
};
