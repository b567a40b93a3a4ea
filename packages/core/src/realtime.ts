// @aos/core/realtime: realtime merging for a store manager, in an entry of its own so that
// apps without realtime never bundle it.
export {
  createRealtime,
  createRealtimeExtension,
  RealtimeExtension,
} from "./realtime/RealtimeExtension";
export type { RealtimeTarget } from "./realtime/RealtimeExtension";
export type {
  ConnectionStatus,
  InvalidRealtimeEvent,
  RealtimeConfig,
  RealtimeEnvelope,
  RealtimeFactory,
  RealtimeTransport,
  SocketLike,
} from "./realtime/types";
