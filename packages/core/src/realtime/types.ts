import type { OptimisticStore } from "../store/OptimisticStore";
import type { Entity } from "../store/types";
import type { RealtimeExtension, RealtimeTarget } from "./RealtimeExtension";

/**
 * What a transport reports about its connection. `"reconnected"` follows a `"disconnected"`:
 * events may have been missed, so the store resyncs.
 *
 * @example
 * transport.onStatus((status) => status === "reconnected" && console.info("back online"));
 */
export type ConnectionStatus = "connected" | "disconnected" | "reconnected";

/**
 * The one thing core needs from a realtime transport (`@aos/realtime-socketio`,
 * `@aos/realtime-ws`, or your own): events by type, and connection status.
 *
 * @example
 * const transport: RealtimeTransport = {
 *   get isConnected() { return source.readyState === EventSource.OPEN; },
 *   subscribe: (type, listener) => {
 *     const handler = (event: MessageEvent<string>) => listener(JSON.parse(event.data));
 *     source.addEventListener(type, handler);
 *     return () => source.removeEventListener(type, handler);
 *   },
 *   onStatus: (listener) => {
 *     source.onopen = () => listener("connected");
 *     // EventSource reconnects by itself; "connected" after "disconnected" makes the store resync.
 *     source.onerror = () => listener("disconnected");
 *     return () => (source.onopen = source.onerror = null);
 *   },
 * };
 */
export interface RealtimeTransport {
  /** Whether the connection is up now. */
  readonly isConnected: boolean;
  /** Calls `listener` with the payload of every event of `eventType`; returns the unsubscribe. */
  readonly subscribe: (eventType: string, listener: (payload: unknown) => void) => () => void;
  /** Calls `listener` on every connection change; returns the unsubscribe. */
  readonly onStatus: (listener: (status: ConnectionStatus) => void) => () => void;
}

/**
 * A socket.io client socket, or anything with the same `on`/`off`: `realtime.connect(socket)`
 * accepts it directly.
 *
 * @example
 * todos.realtime?.connect(io("https://api.example.com"));
 */
export interface SocketLike {
  readonly connected?: boolean;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  off(event: string, listener: (...args: unknown[]) => void): unknown;
}

/**
 * The realtime envelope the server sends for every committed change.
 *
 * @example
 * const event: RealtimeEnvelope<TodoApi> = {
 *   type: "todos", event: "UPDATE", data: row, browserId: "tab-1", mutationId: "m-9", version: 4,
 * };
 */
export interface RealtimeEnvelope<TApi = unknown> {
  readonly type?: string;
  readonly event: "INSERT" | "UPDATE" | "DELETE" | (string & {});
  readonly data?: TApi;
  readonly id?: string;
  readonly browserId?: string;
  readonly mutationId?: string;
  readonly version?: number;
}

/**
 * A realtime event that was dropped, and why. Nothing reached the store.
 *
 * @example
 * const onInvalidEvent = ({ reason }: InvalidRealtimeEvent) => metrics.increment(`aos.invalid.${reason}`);
 */
export interface InvalidRealtimeEvent {
  readonly reason: string;
  readonly event: unknown;
}

/**
 * Realtime settings of a store manager, given to `createRealtime()`.
 *
 * @example
 * const realtime: RealtimeConfig<Todo> = {
 *   eventType: "todos",
 *   onInvalidEvent: ({ reason }) => report(reason),
 * };
 */
export interface RealtimeConfig<TUi extends Entity = Entity> {
  /** The event type to listen to; defaults to the manager's `name`. */
  readonly eventType?: string | undefined;
  /** Where the row is in an event; defaults to `event.data`. */
  readonly dataExtractor?: ((event: RealtimeEnvelope) => unknown) | undefined;
  /** Return `false` to skip an event (it is not reported as invalid). */
  readonly shouldProcessEvent?: ((event: RealtimeEnvelope) => boolean) | undefined;
  /** Handlers by `event` name, replacing the default handling (and allowing custom names). */
  readonly customHandlers?:
    | Readonly<Record<string, (store: OptimisticStore<TUi>, event: RealtimeEnvelope) => void>>
    | undefined;
  /** Told about every dropped event; defaults to a `console.warn` tagged `[aos]` outside production. */
  readonly onInvalidEvent?: ((problem: InvalidRealtimeEvent) => void) | undefined;
  /** Events larger than this (in characters of their JSON) are dropped. Default 1,000,000. */
  readonly maxEventSize?: number | undefined;
  /**
   * Refetch when the connection comes up after the list was loaded (or while it loads): after a
   * reconnection, and after a first connection or a `connect()` that came later than the list,
   * since events sent in between were missed. A disabled manager does not: `enable()` fetches.
   * Default `true`.
   */
  readonly resyncOnReconnect?: boolean | undefined;
}

/**
 * What `createRealtime()` returns and a store manager's `realtime` option takes: builds the
 * manager's realtime handle from its merge entry points.
 *
 * @example
 * const realtime: RealtimeFactory<Todo> = createRealtime({ eventType: "todos" });
 * const todos = createOptimisticStoreManager({ ...config, realtime });
 */
export type RealtimeFactory<TUi extends Entity = Entity> = (
  target: RealtimeTarget<TUi>,
) => RealtimeExtension<TUi>;
