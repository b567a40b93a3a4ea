// Several real clients of the reference server, as several browser tabs: each a store manager
// with its own QueryClient, its own socket.io transport and real HTTP requests, which a test
// can hold, fail or cut off to drive how answers, echoes, refetches and reconnections interleave.
import { randomUUID } from "node:crypto";
import type { TodoRow } from "@aos/app-schemas";
import { createOptimisticStoreManager, type MutationContext } from "@aos/core";
import { createRealtime } from "@aos/core/realtime";
import { createQueryClient } from "@aos/query-client";
import { createSocketIoTransport, type SocketIoTransport } from "@aos/realtime-socketio";
import type { RunningServer } from "../app";

export type Todo = Pick<TodoRow, "id" | "title" | "completed"> & Partial<TodoRow>;

/** What happens to one request: held before it is sent or before its answer is read, failed. */
export interface Plan {
  /** Held before the request is sent: a delay in milliseconds, or until the promise settles. */
  readonly before?: number | Promise<void> | undefined;
  /** Held after the server answered (and broadcast), before the client reads the answer. */
  readonly after?: number | Promise<void> | undefined;
  /** "refused": the server refuses it (X-Fail), nothing is committed; "lost": the server
   * commits it, but its answer never reaches the client. */
  readonly fail?: "refused" | "lost" | undefined;
}

export interface ClientOptions {
  /** The store's `versionField`: `true` for the server's counter, or a field by name. */
  readonly versioned?: boolean | "version" | "updatedAt";
  /** Creates send no id: the server assigns one, replacing the row's temporary id. */
  readonly serverIds?: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function hold(wait: number | Promise<void> | undefined): Promise<void> {
  if (typeof wait === "number") await sleep(wait);
  else await wait;
}

/** A promise and the function that settles it: holds a request until a test lets it go. */
export function gate() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return {
    opened,
    open: () => {
      open();
    },
  };
}

/** Every row of the server's todos, as `GET /api/todos` answers. */
export async function serverRows(server: RunningServer): Promise<TodoRow[]> {
  const response = await fetch(`${server.url}/api/todos`);
  return (await response.json()) as TodoRow[];
}

function versionFieldOf(versioned: ClientOptions["versioned"]): keyof Todo | undefined {
  if (versioned === true) return "version";
  return versioned === false ? undefined : versioned;
}

export type LiveClient = ReturnType<typeof openClient>;

/** One tab: a todos manager on the server, listening to its socket.io events. */
export function openClient(server: RunningServer, name: string, options: ClientOptions = {}) {
  const plans = new Map<string, Plan>();
  const log: string[] = [];
  const inFlight = new Set<Promise<unknown>>();
  let listHold: Promise<void> | undefined;
  let listsTaken = 0;

  const send = async <T>(
    method: string,
    path: string,
    body: unknown,
    context: MutationContext,
  ): Promise<T> => {
    const plan = plans.get(context.mutationId) ?? {};
    plans.delete(context.mutationId);
    await hold(plan.before);
    const response = await fetch(`${server.url}/api/todos${path}`, {
      method,
      headers: {
        ...(body !== undefined && { "Content-Type": "application/json" }),
        "X-Mutation-Id": context.mutationId,
        "X-Browser-Id": context.browserId,
        ...(plan.fail === "refused" && { "X-Fail": "1" }),
      },
      body: body === undefined ? null : JSON.stringify(body),
    });
    const answer = (await response.json()) as T;
    await hold(plan.after);
    log.push(
      `${name} ${method} ${path} -> ${response.status}${plan.fail ? ` (${plan.fail})` : ""}`,
    );
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`);
    if (plan.fail === "lost") throw new Error(`${method} ${path}: the answer was lost`);
    return answer;
  };

  const manager = createOptimisticStoreManager<Todo>(
    {
      name: "todos",
      queryFn: async () => {
        const rows = await serverRows(server);
        listsTaken++;
        const hold = listHold;
        listHold = undefined;
        await hold;
        return rows;
      },
      mutations: {
        create: (data, context) => {
          const { id, ...rest } = data;
          return send<Todo>("POST", "", options.serverIds ? rest : { id, ...rest }, context);
        },
        update: ({ id, data }, context) => send<Todo>("PATCH", `/${id}`, data, context),
        remove: (id, context) => send<unknown>("DELETE", `/${id}`, undefined, context),
      },
      optimisticDefaults: {
        createOptimisticUiData: (input) => ({
          completed: false,
          ...input,
          title: input.title ?? "",
          id: options.serverIds ? `tmp-${randomUUID()}` : (input.id ?? randomUUID()),
        }),
      },
      versionField: versionFieldOf(options.versioned),
      realtime: createRealtime(),
    },
    createQueryClient({ defaultOptions: { queries: { retry: false } } }),
  );

  // Events held in the network, in order; a lost connection loses them (they were on it).
  let held: (() => void)[] | undefined;
  let eventsSeen = 0;
  const socket: SocketIoTransport = createSocketIoTransport({
    url: server.url,
    socketOptions: { transports: ["websocket"], reconnection: false },
  });
  manager.realtime?.connect({
    get isConnected() {
      return socket.isConnected;
    },
    subscribe: (eventType, listener) =>
      socket.subscribe(eventType, (payload) => {
        eventsSeen++;
        if (held === undefined) listener(payload);
        else
          held.push(() => {
            listener(payload);
          });
      }),
    onStatus: (listener) =>
      socket.onStatus((status) => {
        if (status === "disconnected" && held !== undefined) held = [];
        listener(status);
      }),
  });

  /** Calls an action with a plan for its request; remembers it until it settles. */
  const act = <T>(run: () => Promise<T>, plan: Plan = {}): Promise<T> => {
    const before = manager.store.pendingMutations.length;
    const promise = run();
    const added = manager.store.pendingMutations[before];
    if (added !== undefined) plans.set(added.mutationId, plan);
    const tracked = promise.then(
      () => undefined,
      () => undefined,
    );
    inFlight.add(tracked);
    void tracked.then(() => {
      inFlight.delete(tracked);
    });
    return promise;
  };

  const client = {
    name,
    manager,
    socket,
    log,
    create: (data: Partial<Todo>, plan?: Plan) =>
      act(() => manager.actions.create(data as Todo), plan),
    update: (id: string, data: Partial<Todo>, plan?: Plan) =>
      act(() => manager.actions.update({ id, data }), plan),
    remove: (id: string, plan?: Plan) => act(() => manager.actions.remove(id), plan),
    /** Holds the answer of the next list request (taken by the server) until `until` settles. */
    holdNextList: (until: Promise<void>) => {
      listHold = until;
    },
    /** How many lists the server has answered this tab. */
    listsTaken: () => listsTaken,
    /** How many events have reached this tab's socket, held ones included. */
    eventsSeen: () => eventsSeen,
    /** Holds the events that reach this tab from now on, in order. */
    holdEvents: () => {
      held ??= [];
    },
    /** Delivers the held events, in order, and stops holding. */
    releaseEvents: () => {
      const events = held ?? [];
      held = undefined;
      for (const deliver of events) deliver();
    },
    disconnect: () => {
      socket.socket.disconnect();
    },
    reconnect: () => {
      if (!socket.socket.connected) socket.socket.connect();
    },
    /** Resolves once every action called so far has settled. */
    settled: async () => {
      while (inFlight.size > 0) await Promise.all(inFlight);
    },
    /** The visible rows, as plain objects, by id. */
    rows: () =>
      [...manager.store.entities.values()]
        .map((row) => ({ ...row }))
        .sort((a, b) => a.id.localeCompare(b.id)),
    destroy: () => {
      manager.destroy();
      socket.destroy();
    },
  };
  return client;
}
