export { createSocketIoTransport } from "./createSocketIoTransport";
export type {
  ConnectionStatus,
  SocketIoAuth,
  SocketIoTransport,
  SocketIoTransportOptions,
} from "./createSocketIoTransport";
