/**
 * A realtime transport over a plain WebSocket, with reconnection and a heartbeat, for
 * `manager.realtime.connect()`.
 *
 * @module @aos/realtime-ws
 */
export type { BackoffOptions } from "./backoff";
export { createWebSocketTransport, WebSocketClosedError } from "./createWebSocketTransport";
export type {
  ConnectionStatus,
  HeartbeatOptions,
  InvalidFrame,
  WebSocketConstructor,
  WebSocketLike,
  WebSocketTransport,
  WebSocketTransportOptions,
} from "./createWebSocketTransport";
