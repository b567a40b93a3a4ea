import {
  createOptimisticStoreManager,
  type RealtimeEnvelope,
  type RealtimeTransport,
} from "@aos/core";
import { createRealtime } from "@aos/core/realtime";
import { createSocketIoTransport } from "@aos/realtime-socketio";
import { createWebSocketTransport, WebSocketClosedError } from "@aos/realtime-ws";
import { todos, type Todo } from "../getting-started/todos";

declare function getToken(): Promise<string>;
declare function fetchTodos(): Promise<Todo[]>;

// #region envelope
// What the server sends for every committed change, on the event (socket.io) or in the
// `type` (WebSocket) named after the store: its own ids come back, so the store knows its echo.
export const example: RealtimeEnvelope<Todo> = {
  type: "todos",
  event: "UPDATE", // "INSERT" | "UPDATE" | "DELETE"
  data: { id: "t1", title: "Buy oat milk", completed: true },
  browserId: "the X-Browser-Id of the request that made it",
  mutationId: "its X-Mutation-Id",
  version: 4, // optional: orders events against answers and lists
};
// #endregion envelope

// #region setup
export function createLiveTodos(transport: RealtimeTransport) {
  const live = createOptimisticStoreManager({
    name: "todos",
    queryFn: () => fetchTodos(),
    mutations: {},
    realtime: createRealtime(),
  });
  live.realtime?.connect(transport); // socket.io or a plain WebSocket, below
  return live;
}
// #endregion setup

// #region options
export const realtime = createRealtime<Todo>({
  eventType: "todos", // defaults to the manager's name
  onInvalidEvent: ({ reason, event }) => {
    console.warn(`dropped: ${reason}`, event);
  },
  resyncOnReconnect: true, // the default: refetch after a reconnection, events may be lost
});
// #endregion options

// #region socketio
export function connectSocketIo() {
  const transport = createSocketIoTransport({
    url: "https://api.example.com",
    auth: async () => ({ token: await getToken() }), // asked again on every (re)connection
  });
  todos.realtime?.connect(transport);
  return () => {
    todos.realtime?.disconnect(); // the store stops listening
    transport.destroy(); // the socket closes
  };
}
// #endregion socketio

// #region websocket
export function connectWebSocket() {
  const transport = createWebSocketTransport({
    url: async () => `wss://api.example.com/realtime?token=${await getToken()}`,
    reconnect: { initialDelay: 500, maxDelay: 30_000 },
    heartbeat: { interval: 25_000, timeout: 10_000 },
  });
  todos.realtime?.connect(transport);
  const stop = transport.onStatus((status) => {
    // After 4401, 4403 or 1008 the transport stops reconnecting and says why.
    if (status === "disconnected" && transport.error instanceof WebSocketClosedError) {
      console.warn(`realtime stopped: ${transport.error.code}`);
    }
  });
  return () => {
    stop();
    todos.realtime?.disconnect();
    transport.destroy();
  };
}
// #endregion websocket
