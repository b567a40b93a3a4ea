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
