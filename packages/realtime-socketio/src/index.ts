/**
 * A realtime transport over socket.io, for `manager.realtime.connect()`.
 *
 * @module @aos/realtime-socketio
 */
export { createSocketIoTransport } from "./createSocketIoTransport";
export type {
  ConnectionStatus,
  SocketIoAuth,
  SocketIoTransport,
  SocketIoTransportOptions,
} from "./createSocketIoTransport";
