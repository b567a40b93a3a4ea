import { io, type ManagerOptions, type Socket, type SocketOptions } from "socket.io-client";

/**
 * What the transport reports about its connection (the shape `@aos/core` expects).
 *
 * @example
 * transport.onStatus((status) => status === "reconnected" && toast("Back online"));
 */
export type ConnectionStatus = "connected" | "disconnected" | "reconnected";

/** The handshake `auth` payload: a value, or a function called on every (re)connection. */
export type SocketIoAuth =
  Record<string, unknown> | (() => Record<string, unknown> | Promise<Record<string, unknown>>);

/**
 * Options for a transport that creates and owns its socket.
 *
 * @example
 * const options: SocketIoTransportOptions = {
 *   url: "https://api.example.com",
 *   auth: () => ({ token: session.token }),
 * };
 */
export interface SocketIoTransportOptions {
  readonly url: string;
  /** Sent with every handshake; a function is called again on each reconnection, so tokens can refresh. */
  readonly auth?: SocketIoAuth | undefined;
  /** Anything else socket.io-client accepts (path, transports, reconnection delays, …). */
  readonly socketOptions?: Partial<ManagerOptions & SocketOptions> | undefined;
}

/**
 * A realtime transport over a socket.io client socket, for `manager.realtime.connect()`.
 *
 * @example
 * const transport = createSocketIoTransport({ url: "/", auth: () => ({ token }) });
 * todos.realtime?.connect(transport);
 * // later: transport.destroy();
 */
export interface SocketIoTransport {
  /** The socket.io client socket. */
  readonly socket: Socket;
  readonly isConnected: boolean;
  /** The last connection error (e.g. the server refused the handshake), cleared on connect. */
  readonly error: Error | undefined;
  /** How many subscriptions and status listeners are registered. */
  readonly listenerCount: number;
  readonly subscribe: (eventType: string, listener: (payload: unknown) => void) => () => void;
  readonly onStatus: (listener: (status: ConnectionStatus) => void) => () => void;
  /**
   * Reports `"disconnected"` if connected, removes every listener this transport added, and
   * closes the socket if the transport created it.
   */
  readonly destroy: () => void;
}

function isSocket(value: unknown): value is Socket {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Partial<Socket>).on === "function" &&
    typeof (value as Partial<Socket>).emit === "function"
  );
}

/**
 * Creates a realtime transport over socket.io: from an existing client socket (which stays
 * yours to close), or from options (the transport creates the socket, connects, and closes it
 * on `destroy()`). Each realtime event type is a socket event; a `connect` after the first is
 * reported as `"reconnected"`, so the store resyncs. A listener that throws never reaches
 * socket.io.
 *
 * @example
 * import { createSocketIoTransport } from "@aos/realtime-socketio";
 *
 * const transport = createSocketIoTransport({
 *   url: "https://api.example.com",
 *   auth: () => ({ token: auth.token }),
 * });
 * todos.realtime?.connect(transport);
 */
export function createSocketIoTransport(
  socketOrOptions: Socket | SocketIoTransportOptions,
): SocketIoTransport {
  const owned = !isSocket(socketOrOptions);
  const socket: Socket = isSocket(socketOrOptions)
    ? socketOrOptions
    : createSocket(socketOrOptions);

  const statusListeners = new Set<(status: ConnectionStatus) => void>();
  const subscriptions = new Set<() => void>();
  let connectedBefore = socket.connected;
  let error: Error | undefined;
  let destroyed = false;

  // Here and in socket.io's emitter, an emit calls the listeners it began with: one removed
  // meanwhile (an unsubscribe, destroy()) is skipped, as it must hear nothing more.
  const notify = (status: ConnectionStatus) => {
    for (const listener of [...statusListeners]) {
      try {
        if (statusListeners.has(listener)) listener(status);
      } catch (callbackError) {
        console.error("[aos] A realtime status listener threw.", callbackError);
      }
    }
  };
  const onConnect = () => {
    error = undefined;
    notify(connectedBefore ? "reconnected" : "connected");
    connectedBefore = true;
  };
  const onDisconnect = () => {
    notify("disconnected");
  };
  const onConnectError = (cause: Error) => {
    error = cause;
  };
  socket.on("connect", onConnect);
  socket.on("disconnect", onDisconnect);
  socket.on("connect_error", onConnectError);

  return {
    socket,
    get isConnected() {
      return socket.connected;
    },
    get error() {
      return error;
    },
    get listenerCount() {
      return subscriptions.size + statusListeners.size;
    },
    subscribe: (eventType, listener) => {
      const handler = (payload: unknown) => {
        try {
          if (subscriptions.has(unsubscribe)) listener(payload);
        } catch (callbackError) {
          console.error(`[aos] A "${eventType}" listener threw.`, callbackError);
        }
      };
      socket.on(eventType, handler);
      const unsubscribe = () => {
        socket.off(eventType, handler);
        subscriptions.delete(unsubscribe);
      };
      subscriptions.add(unsubscribe);
      return unsubscribe;
    },
    onStatus: (listener) => {
      statusListeners.add(listener);
      return () => {
        statusListeners.delete(listener);
      };
    },
    destroy: () => {
      if (destroyed) return;
      destroyed = true;
      const wasConnected = socket.connected;
      for (const unsubscribe of [...subscriptions]) unsubscribe();
      socket.off("connect", onConnect);
      socket.off("disconnect", onDisconnect);
      socket.off("connect_error", onConnectError);
      if (owned) socket.disconnect();
      // Like the socket's own "disconnect", which is no longer listened to: the store must know.
      if (wasConnected) notify("disconnected");
      statusListeners.clear();
    },
  };
}

function createSocket({ url, auth, socketOptions }: SocketIoTransportOptions): Socket {
  return io(url, {
    ...socketOptions,
    ...(auth === undefined
      ? {}
      : {
          auth:
            typeof auth === "function"
              ? (callback: (data: object) => void) => {
                  Promise.resolve()
                    .then(auth)
                    .then(callback, (cause: unknown) => {
                      console.error("[aos] The socket.io auth function failed.", cause);
                      callback({});
                    });
                }
              : auth,
        }),
  });
}
