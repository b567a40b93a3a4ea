import type { ConnectionStatus, RealtimeTransport, SocketLike } from "./types";

/** Whether `value` is a socket.io-like socket rather than a transport. */
export function isSocketLike(value: unknown): value is SocketLike {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Partial<SocketLike>).on === "function" &&
    typeof (value as Partial<SocketLike>).off === "function" &&
    typeof (value as Partial<RealtimeTransport>).subscribe !== "function"
  );
}

/**
 * A transport over a socket.io-like socket (`on`/`off`, `connect`/`disconnect` events): each
 * event type is a socket event; a `connect` after the first is a reconnection.
 */
export function socketTransport(socket: SocketLike): RealtimeTransport {
  let connectedBefore = socket.connected === true;
  return {
    get isConnected() {
      return socket.connected === true;
    },
    subscribe: (eventType, listener) => {
      const handler = (payload: unknown) => {
        listener(payload);
      };
      socket.on(eventType, handler);
      return () => socket.off(eventType, handler);
    },
    onStatus: (listener: (status: ConnectionStatus) => void) => {
      const onConnect = () => {
        listener(connectedBefore ? "reconnected" : "connected");
        connectedBefore = true;
      };
      const onDisconnect = () => {
        listener("disconnected");
      };
      socket.on("connect", onConnect);
      socket.on("disconnect", onDisconnect);
      return () => {
        socket.off("connect", onConnect);
        socket.off("disconnect", onDisconnect);
      };
    },
  };
}
