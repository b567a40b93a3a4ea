import { observable, runInAction } from "mobx";
import { reportCallbackError } from "../reportCallbackError";
import type { OptimisticStore } from "../store/OptimisticStore";
import type { Entity, ServerChangeMeta } from "../store/types";
import { inspectPayload } from "./inspectPayload";
import { isSocketLike, socketTransport } from "./socketTransport";
import type {
  ConnectionStatus,
  InvalidRealtimeEvent,
  RealtimeConfig,
  RealtimeEnvelope,
  RealtimeFactory,
  RealtimeTransport,
  SocketLike,
} from "./types";

/**
 * What a realtime extension feeds: a store manager's merge entry points and its resync.
 *
 * @example
 * const target: RealtimeTarget<Todo> = {
 *   name: "todos",
 *   store,
 *   applyServerRow: (row, meta) => store.applyServerRow(row as Todo, meta),
 *   removeServerRow: (id, meta) => store.removeServerRow(id, meta),
 *   resync: () => refetch(),
 * };
 */
export interface RealtimeTarget<TUi extends Entity = Entity> {
  readonly name: string;
  readonly store: OptimisticStore<TUi>;
  /** Merges a pushed row in API shape; may throw for a row it cannot read. */
  readonly applyServerRow: (row: Entity, meta: ServerChangeMeta) => void;
  readonly removeServerRow: (id: string, meta: ServerChangeMeta) => void;
  readonly resync: () => Promise<void>;
}

const EVENTS = new Set(["INSERT", "UPDATE", "DELETE"]);
const DEFAULT_MAX_EVENT_SIZE = 1_000_000;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): value is string | undefined {
  return value === undefined || typeof value === "string";
}

/**
 * Connects a store to a realtime transport: events of its type merge into the confirmed layer
 * (pending changes re-applied, own echoes never applied twice, versions respected), a burst of
 * events in one tick lands in one MobX batch, malformed events are dropped and reported, and a
 * connection that comes up after the list was loaded (a reconnection, or a late first one)
 * triggers a resync. Nothing it receives can throw into the transport.
 *
 * A store manager given `realtime: createRealtime()` creates one as `manager.realtime`.
 *
 * @example
 * const todos = createOptimisticStoreManager({ ...config, realtime: createRealtime() });
 * todos.realtime?.connect(io("https://api.example.com"));
 * autorun(() => console.log(todos.realtime?.isConnected ? "live" : "offline"));
 */
export class RealtimeExtension<TUi extends Entity = Entity> {
  readonly #config: RealtimeConfig<TUi>;
  readonly #target: RealtimeTarget<TUi>;
  readonly #connected = observable.box(false);
  #unsubscribe: (() => void)[] = [];
  #queue: unknown[] = [];
  #flushing = false;
  #destroyed = false;

  constructor(config: RealtimeConfig<TUi>, target: RealtimeTarget<TUi>) {
    this.#config = config;
    this.#target = target;
  }

  /** The event type this store listens to. */
  get eventType(): string {
    return this.#config.eventType ?? this.#target.name;
  }

  /** Whether the transport is connected now; observable. */
  get isConnected(): boolean {
    return this.#connected.get();
  }

  /**
   * Listens to a transport, or to a socket.io-like socket (`on`/`off`). Replaces any earlier
   * one. Does nothing after {@link destroy}, as a destroyed manager's `start()` does.
   */
  connect(transportOrSocket: RealtimeTransport | SocketLike): void {
    if (this.#destroyed) return;
    this.disconnect();
    const transport = isSocketLike(transportOrSocket)
      ? socketTransport(transportOrSocket)
      : transportOrSocket;
    // A transport may still call a listener removed while it dispatches (EventEmitter and
    // socket.io do): only the listeners of the current connection reach the store.
    const current: (() => void)[] = (this.#unsubscribe = []);
    current.push(
      transport.subscribe(this.eventType, (payload) => {
        if (this.#unsubscribe === current) this.receive(payload);
      }),
      transport.onStatus((status) => {
        if (this.#unsubscribe === current) this.#onStatus(status);
      }),
    );
    if (transport.isConnected) this.#onStatus("connected");
  }

  /** Stops listening; the transport itself stays as it is (close it where you created it). */
  disconnect(): void {
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    this.#unsubscribe = [];
    this.#queue = [];
    this.#setConnected(false);
  }

  /**
   * Disconnects for good: a later `connect()` does nothing. A store manager's `destroy()` calls it.
   *
   * @example
   * const realtime = createRealtimeExtension({ eventType: "todos" }, target);
   * realtime.connect(socket);
   * // when the store goes away:
   * realtime.destroy();
   */
  destroy(): void {
    this.#destroyed = true;
    this.disconnect();
  }

  /**
   * Takes one event payload (what a transport delivers). Events received in the same tick are
   * applied together, in order, in one MobX batch. Never throws.
   */
  receive(payload: unknown): void {
    this.#queue.push(payload);
    if (this.#flushing) return;
    this.#flushing = true;
    queueMicrotask(() => {
      this.#flush();
    });
  }

  #flush(): void {
    const batch = this.#queue;
    this.#queue = [];
    this.#flushing = false;
    if (batch.length === 0) return;
    // A callback may disconnect (or destroy) while the batch is applied: the rest is dropped.
    const current = this.#unsubscribe;
    runInAction(() => {
      for (const payload of batch) {
        if (this.#unsubscribe !== current) return;
        // A throwing callback (filter, extractor, handler, hand-wired target) costs only its event.
        try {
          this.#apply(payload);
        } catch (error) {
          reportCallbackError("realtime", error);
        }
      }
    });
  }

  #onStatus(status: ConnectionStatus): void {
    const wasConnected = this.#connected.get();
    this.#setConnected(status !== "disconnected");
    // Events sent while this store was not listening were missed, whether the connection was
    // lost or came up only after the list was loaded: the target refetches if it has a list.
    const cameUp = status === "reconnected" || (status === "connected" && !wasConnected);
    if (cameUp && this.#config.resyncOnReconnect !== false) {
      this.#target.resync().catch(() => undefined);
    }
  }

  #setConnected(connected: boolean): void {
    if (this.#connected.get() !== connected) {
      runInAction(() => {
        this.#connected.set(connected);
      });
    }
  }

  #apply(payload: unknown): void {
    const problem = this.#problemWith(payload);
    if (problem !== undefined) {
      this.#reportInvalid({ reason: problem, event: payload });
      return;
    }
    const envelope = payload as RealtimeEnvelope;
    const config = this.#config;
    if (config.shouldProcessEvent?.(envelope) === false) return;
    // Own keys only: an event named "toString" or "constructor" is unknown, not a handler.
    const handlers = config.customHandlers;
    const custom =
      handlers !== undefined && Object.hasOwn(handlers, envelope.event)
        ? handlers[envelope.event]
        : undefined;
    if (custom !== undefined) {
      custom(this.#target.store, envelope);
      return;
    }
    if (!EVENTS.has(envelope.event)) {
      this.#reportInvalid({ reason: `"${envelope.event}" is not a known event`, event: payload });
      return;
    }
    const data = config.dataExtractor ? config.dataExtractor(envelope) : envelope.data;
    const meta: ServerChangeMeta = {
      browserId: envelope.browserId,
      mutationId: envelope.mutationId,
      version: envelope.version,
    };
    if (envelope.event === "DELETE") {
      const id = envelope.id ?? (isPlainObject(data) ? data.id : undefined);
      if (typeof id !== "string" || id === "") {
        this.#reportInvalid({ reason: "a DELETE event needs a string id", event: payload });
        return;
      }
      this.#target.removeServerRow(id, meta);
      return;
    }
    if (!isPlainObject(data) || typeof data.id !== "string" || data.id === "") {
      this.#reportInvalid({
        reason: `an ${envelope.event} event needs an object row with a string id`,
        event: payload,
      });
      return;
    }
    try {
      this.#target.applyServerRow(data as unknown as Entity, meta);
    } catch (error) {
      this.#reportInvalid({
        reason: `its row could not be read: ${error instanceof Error ? error.message : String(error)}`,
        event: payload,
      });
    }
  }

  #problemWith(payload: unknown): string | undefined {
    if (!isPlainObject(payload)) return "it is not an object";
    const shapeProblem = inspectPayload(
      payload,
      this.#config.maxEventSize ?? DEFAULT_MAX_EVENT_SIZE,
    );
    if (shapeProblem !== undefined) return shapeProblem;
    if (typeof payload.event !== "string") return "it has no event name";
    if (payload.type !== undefined && payload.type !== this.eventType) {
      return `its type ${JSON.stringify(payload.type)} is not "${this.eventType}"`;
    }
    if (!optionalString(payload.browserId) || !optionalString(payload.mutationId)) {
      return "its browserId or mutationId is not a string";
    }
    if (!optionalString(payload.id)) return "its id is not a string";
    if (
      payload.version !== undefined &&
      (typeof payload.version !== "number" || !Number.isFinite(payload.version))
    ) {
      return "its version is not a finite number";
    }
    return undefined;
  }

  #reportInvalid(problem: InvalidRealtimeEvent): void {
    const report = this.#config.onInvalidEvent;
    if (report === undefined) {
      // Development only: bundlers replace process.env.NODE_ENV (Vite also while developing)
      // and drop this from production builds. Unbundled, a browser has no `process`.
      try {
        if (process.env.NODE_ENV !== "production") {
          console.warn(
            `[aos] Dropped a realtime event for "${this.#target.name}": ${problem.reason}.`,
            problem.event,
          );
        }
      } catch {
        // No `process`, so no warning.
      }
      return;
    }
    try {
      report(problem);
    } catch (error) {
      reportCallbackError("onInvalidEvent", error);
    }
  }
}

/**
 * Realtime for a store manager: pass it as the manager's `realtime` option, then connect a
 * transport (`@aos/realtime-socketio`, `@aos/realtime-ws`, a socket.io socket, or your own).
 * It lives in `@aos/core/realtime`, so apps without realtime never bundle it.
 *
 * @example
 * import { createRealtime } from "@aos/core/realtime";
 *
 * const todos = createOptimisticStoreManager({ ...config, realtime: createRealtime() });
 * todos.realtime?.connect(createSocketIoTransport(io("https://api.example.com")));
 */
export function createRealtime<TUi extends Entity>(
  config: RealtimeConfig<TUi> = {},
): RealtimeFactory<TUi> {
  return (target) => new RealtimeExtension(config, target);
}

/**
 * Creates a {@link RealtimeExtension} for a store wired by hand: what `createRealtime()` does
 * for a store manager.
 *
 * @example
 * const realtime = createRealtimeExtension({ eventType: "todos" }, target);
 * realtime.connect(socket);
 */
export function createRealtimeExtension<TUi extends Entity>(
  config: RealtimeConfig<TUi>,
  target: RealtimeTarget<TUi>,
): RealtimeExtension<TUi> {
  return new RealtimeExtension(config, target);
}
