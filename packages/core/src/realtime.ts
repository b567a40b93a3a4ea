/**
 * Realtime merging for a store manager: `createRealtime()` for its `realtime` option. An entry
 * point of its own, so apps without realtime never bundle it.
 *
 * @module @aos/core/realtime
 */
export {
  createRealtime,
  createRealtimeExtension,
  RealtimeExtension,
} from "./realtime/RealtimeExtension";
export type { RealtimeTarget } from "./realtime/RealtimeExtension";
// Every realtime type, as "@aos/core" also exports them (transports import them from there).
export type * from "./realtime/types";
