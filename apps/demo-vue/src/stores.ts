import { createTodoManager } from "@aos/demo-kit";
import { createWebSocketTransport } from "@aos/realtime-ws";

/** Public todos, live over the plain WebSocket endpoint. */
export const todos = createTodoManager();

const socketUrl = `${window.location.protocol === "https:" ? "wss" : "ws"}://${window.location.host}/ws`;
todos.realtime?.connect(
  createWebSocketTransport({ url: socketUrl, reconnect: { initialDelay: 250, maxDelay: 5000 } }),
);
