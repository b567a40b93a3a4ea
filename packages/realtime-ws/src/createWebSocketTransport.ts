import { type BackoffOptions, backoffDelay } from "./backoff";

/**
 * What the transport reports about its connection (the shape `@aos/core` expects).
 *
 * @example
 * transport.onStatus((status) => status === "disconnected" && showOfflineBanner());
 */
export type ConnectionStatus = "connected" | "disconnected" | "reconnected";

/**
 * The part of the WebSocket API the transport uses: the browser's `WebSocket` and node's
 * `ws` both have it.
 *
 * @example
 * import WebSocket from "ws";
 * const Socket: WebSocketConstructor = WebSocket;
 */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  // `never` parameters: the transport assigns these handlers, so any event type fits.
  onopen: ((event: never) => void) | null;
  onmessage: ((event: never) => void) | null;
  onclose: ((event: never) => void) | null;
  onerror: ((event: never) => void) | null;
}

/**
 * A WebSocket constructor, e.g. the browser's `WebSocket` or node's `ws`.
 *
 * @example
 * createWebSocketTransport({ url, WebSocket: (await import("ws")).WebSocket });
 */
export type WebSocketConstructor = new (
  url: string,
  protocols?: string | string[],
) => WebSocketLike;

/**
 * Application-level heartbeat: a `{"type":"ping"}` frame every `interval`; when no frame at
 * all arrives within `timeout` after it, the connection is taken as dead and replaced. A new
 * connection that is not open within `timeout` is given up and retried the same way.
 *
 * @example
 * const heartbeat: HeartbeatOptions = { interval: 15_000, timeout: 5_000 };
 */
export interface HeartbeatOptions {
  /** Milliseconds between pings. Default 25,000. */
  readonly interval?: number | undefined;
  /** Milliseconds to wait for any frame after a ping, and for a connection to open. Default 10,000. */
  readonly timeout?: number | undefined;
}

/**
 * A frame that was dropped, and why.
 *
 * @example
 * const onInvalidFrame = ({ reason }: InvalidFrame) => metrics.increment(reason);
 */
export interface InvalidFrame {
  readonly reason: string;
  readonly frame: unknown;
}

/**
 * Options of {@link createWebSocketTransport}.
 *
 * @example
 * const options: WebSocketTransportOptions = {
 *   url: () => `wss://api.example.com/ws?token=${session.token}`,
 *   reconnect: { maxDelay: 10_000 },
 * };
 */
export interface WebSocketTransportOptions {
  /** Where to connect; a function is called before every (re)connection, so tokens can refresh. */
  readonly url: string | (() => string | Promise<string>);
  /** The WebSocket constructor; defaults to the global `WebSocket`. */
  readonly WebSocket?: WebSocketConstructor | undefined;
  readonly protocols?: string | string[] | undefined;
  /**
   * Reconnection spacing, or `false` never to reconnect. The backoff starts over once a
   * connection has received a frame (a pong counts), not merely opened, so a server that
   * accepts and at once closes every connection is retried ever more slowly.
   */
  readonly reconnect?: BackoffOptions | false | undefined;
  /** Dead-connection detection and the connect timeout, or `false` for neither. */
  readonly heartbeat?: HeartbeatOptions | false | undefined;
  /** Close codes after which reconnecting is pointless (auth). Default 4401, 4403 and 1008. */
  readonly stopCodes?: readonly number[] | undefined;
  /** Frames longer than this many characters are dropped. Default 1,000,000. */
  readonly maxFrameSize?: number | undefined;
  /** Told about every dropped frame; defaults to a `console.warn` tagged `[aos]` outside production. */
  readonly onInvalidFrame?: ((problem: InvalidFrame) => void) | undefined;
}

/**
 * A realtime transport over a plain WebSocket, for `manager.realtime.connect()`.
 *
 * @example
 * const transport = createWebSocketTransport({ url: "wss://api.example.com/ws" });
 * todos.realtime?.connect(transport);
 */
export interface WebSocketTransport {
  readonly isConnected: boolean;
  /**
   * Why the transport stopped for good (a stop code), or why the url function or the WebSocket
   * constructor last threw; cleared on connect. A dropped or refused connection (close code
   * 1006) does not set it: the transport retries.
   */
  readonly error: Error | undefined;
  /** How many connections were attempted. */
  readonly attempts: number;
  /** How many subscriptions and status listeners are registered. */
  readonly listenerCount: number;
  readonly subscribe: (eventType: string, listener: (payload: unknown) => void) => () => void;
  readonly onStatus: (listener: (status: ConnectionStatus) => void) => () => void;
  /** Closes the connection (code 1000), stops reconnecting and forgets every listener. */
  readonly destroy: () => void;
}

/**
 * The error a transport holds after the server closed it with a stop code (e.g. 4401).
 *
 * @example
 * if (transport.error instanceof WebSocketClosedError && transport.error.code === 4401) signIn();
 */
export class WebSocketClosedError extends Error {
  override readonly name = "WebSocketClosedError";
  readonly code: number;

  constructor(code: number, reason: string) {
    super(
      `[aos] The server closed the WebSocket with ${code}${reason ? ` (${reason})` : ""}; not reconnecting.`,
    );
    this.code = code;
  }
}

const OPEN = 1;
const DEFAULT_STOP_CODES = [4401, 4403, 1008];
const PING = '{"type":"ping"}';

/**
 * Creates a realtime transport over a plain WebSocket and connects it. Each text frame is one
 * JSON envelope, delivered to the subscribers of its `type`; binary, non-JSON, untyped and
 * oversized frames are dropped and reported. Lost connections come back with exponential
 * backoff, jitter and a cap; a heartbeat finds connections that died silently; a stop code
 * (auth) ends reconnecting and surfaces an error instead of a reconnect storm. A reconnection
 * is reported as `"reconnected"`, so the store resyncs.
 *
 * @example
 * import { createWebSocketTransport } from "@aos/realtime-ws";
 *
 * const transport = createWebSocketTransport({
 *   url: () => `wss://api.example.com/ws?token=${session.token}`,
 * });
 * todos.realtime?.connect(transport);
 */
export function createWebSocketTransport(options: WebSocketTransportOptions): WebSocketTransport {
  const Socket =
    options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  if (Socket === undefined) {
    throw new TypeError(
      "[aos] No WebSocket here: pass the WebSocket option (on Node, the ws package).",
    );
  }
  const stopCodes = options.stopCodes ?? DEFAULT_STOP_CODES;
  const maxFrameSize = options.maxFrameSize ?? 1_000_000;
  const subscribers = new Map<string, Set<(payload: unknown) => void>>();
  const statusListeners = new Set<(status: ConnectionStatus) => void>();

  let socket: WebSocketLike | undefined;
  let connected = false;
  let connectedBefore = false;
  let destroyed = false;
  let stopped = false;
  let failures = 0;
  let attempts = 0;
  let error: Error | undefined;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let pingTimer: ReturnType<typeof setInterval> | undefined;
  let deadline: ReturnType<typeof setTimeout> | undefined;

  // A listener that throws is reported and skipped: it never reaches the socket's handler. One
  // removed meanwhile (an unsubscribe) is skipped too, as is every one after destroy(): they
  // must hear nothing more.
  const callEach = <T>(listeners: Set<(value: T) => void> | undefined, value: T, who: string) => {
    for (const listener of [...(listeners ?? [])]) {
      try {
        if (!destroyed && listeners?.has(listener)) listener(value);
      } catch (callbackError) {
        console.error(`[aos] ${who} threw.`, callbackError);
      }
    }
  };

  const notify = (status: ConnectionStatus) => {
    callEach(statusListeners, status, "A realtime status listener");
  };

  const reportInvalid = (problem: InvalidFrame) => {
    if (options.onInvalidFrame === undefined) {
      // Development only: bundlers replace process.env.NODE_ENV (Vite also while developing)
      // and drop this from production builds. Unbundled, a browser has no `process`.
      try {
        if (process.env.NODE_ENV !== "production") {
          console.warn(`[aos] Dropped a WebSocket frame: ${problem.reason}.`, problem.frame);
        }
      } catch {
        // No `process`, so no warning.
      }
      return;
    }
    callEach(new Set([options.onInvalidFrame]), problem, "The onInvalidFrame callback");
  };

  const stopHeartbeat = () => {
    clearInterval(pingTimer);
    clearTimeout(deadline);
    pingTimer = undefined;
    deadline = undefined;
  };

  const startHeartbeat = (current: WebSocketLike) => {
    if (options.heartbeat === false) return;
    const interval = options.heartbeat?.interval ?? 25_000;
    const timeout = options.heartbeat?.timeout ?? 10_000;
    pingTimer = setInterval(() => {
      if (current.readyState !== OPEN) return;
      current.send(PING);
      deadline ??= setTimeout(() => {
        // Nothing came back: the connection is dead even if the socket has not noticed.
        drop(current, 4000, "heartbeat timeout");
      }, timeout);
    }, interval);
  };

  const deliver = (frame: unknown) => {
    // A frame, not the open, proves the connection: a server in a crash loop opens and closes.
    failures = 0;
    clearTimeout(deadline);
    deadline = undefined;
    if (typeof frame !== "string") {
      reportInvalid({ reason: "it is a binary frame", frame });
      return;
    }
    if (frame.length > maxFrameSize) {
      reportInvalid({
        reason: `it is longer than ${maxFrameSize} characters`,
        frame: `${frame.slice(0, 100)}…`,
      });
      return;
    }
    let envelope: unknown;
    try {
      envelope = JSON.parse(frame);
    } catch {
      reportInvalid({ reason: "it is not JSON", frame });
      return;
    }
    if (typeof envelope !== "object" || envelope === null || Array.isArray(envelope)) {
      reportInvalid({ reason: "it is not a JSON object", frame });
      return;
    }
    const type = (envelope as { type?: unknown }).type;
    if (typeof type !== "string") {
      reportInvalid({ reason: "it has no string type", frame });
      return;
    }
    if (type === "pong") return;
    callEach<unknown>(subscribers.get(type), envelope, `A "${type}" listener`);
  };

  const scheduleReconnect = () => {
    if (inactive() || options.reconnect === false) return;
    const delay = backoffDelay(failures++, options.reconnect);
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      void open();
    }, delay);
  };

  /** Detaches from a socket (it is done), then reconnects unless told not to. */
  const drop = (current: WebSocketLike, code: number, reason: string) => {
    if (current !== socket) return;
    current.onopen = null;
    current.onmessage = null;
    current.onclose = null;
    // onerror keeps its no-op: ws emits "error" when a connecting socket is closed, and an
    // "error" nobody listens to crashes Node.
    socket = undefined;
    stopHeartbeat();
    try {
      current.close(code === 1000 || (code >= 3000 && code <= 4999) ? code : 1000, reason);
    } catch {
      // Closing an already closed socket is fine.
    }
    const stop = stopCodes.includes(code);
    // Set before listeners hear "disconnected": they read `error` to tell a stop from a drop.
    if (stop) {
      stopped = true;
      error = new WebSocketClosedError(code, reason);
    }
    if (connected) {
      connected = false;
      notify("disconnected");
    }
    if (!stop) scheduleReconnect();
  };

  const retryAfter = (cause: unknown) => {
    error = cause instanceof Error ? cause : new Error(String(cause));
    scheduleReconnect();
  };
  // A function, not a condition TypeScript narrows: destroy() may run while the url is awaited.
  const inactive = () => destroyed || stopped;

  const open = async () => {
    if (inactive()) return;
    let url: string;
    try {
      url = typeof options.url === "function" ? await options.url() : options.url;
    } catch (cause) {
      retryAfter(cause);
      return;
    }
    if (inactive()) return;
    attempts++;
    let current: WebSocketLike;
    try {
      current = new Socket(url, options.protocols);
    } catch (cause) {
      retryAfter(cause);
      return;
    }
    socket = current;
    // An upgrade that is never answered would leave the socket connecting forever.
    if (options.heartbeat !== false)
      deadline = setTimeout(() => {
        drop(current, 4000, "connect timeout");
      }, options.heartbeat?.timeout ?? 10_000);
    current.onopen = () => {
      error = undefined;
      connected = true;
      stopHeartbeat(); // the connect timeout
      startHeartbeat(current);
      notify(connectedBefore ? "reconnected" : "connected");
      connectedBefore = true;
    };
    current.onmessage = (event: { readonly data: unknown }) => {
      deliver(event.data);
    };
    current.onclose = (event: { readonly code: number; readonly reason: string }) => {
      drop(current, event.code, event.reason);
    };
    current.onerror = () => {
      // A close event follows; reconnection is decided there.
    };
  };

  void open();

  return {
    get isConnected() {
      return connected;
    },
    get error() {
      return error;
    },
    get attempts() {
      return attempts;
    },
    get listenerCount() {
      let count = statusListeners.size;
      for (const listeners of subscribers.values()) count += listeners.size;
      return count;
    },
    subscribe: (eventType, listener) => {
      let listeners = subscribers.get(eventType);
      if (listeners === undefined) subscribers.set(eventType, (listeners = new Set()));
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        // A second call must not delete the Set a later subscriber created.
        if (listeners.size === 0 && subscribers.get(eventType) === listeners)
          subscribers.delete(eventType);
      };
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
      clearTimeout(reconnectTimer);
      if (socket !== undefined) drop(socket, 1000, "destroyed");
      subscribers.clear();
      statusListeners.clear();
    },
  };
}
