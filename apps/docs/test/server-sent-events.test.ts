// The advanced guide's Server-Sent Events transport, run as the guide shows it: a real event
// stream over HTTP on loopback, read by a WHATWG EventSource (the `eventsource` package, as
// Node 20 has none without a flag), feeding a store manager through createRealtime().
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createOptimisticStoreManager, type InvalidRealtimeEvent } from "@aos/core";
import { createRealtime } from "@aos/core/realtime";
import { createQueryClient } from "@aos/query-client";
import { EventSource } from "eventsource";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { serverSentEvents } from "../snippets/guides/server-sent-events";

interface Todo {
  id: string;
  title: string;
}

const truth: Todo[] = [];
const streams = new Set<ServerResponse>();
let listRequests = 0;

const server = createServer((request, response) => {
  if (request.url === "/todos") {
    listRequests++;
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify(truth));
    return;
  }
  response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store" });
  // Reconnect after 20 ms rather than the default few seconds.
  response.write("retry: 20\n\n");
  streams.add(response);
  response.on("close", () => streams.delete(response));
});

let origin = "";

/** Sends one event to every open stream. */
function send(eventType: string, data: string): void {
  for (const stream of streams) stream.write(`event: ${eventType}\ndata: ${data}\n\n`);
}

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const stream of streams) stream.destroy();
  await new Promise((resolve) => server.close(resolve));
});

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  truth.length = 0;
});

function connectedManager() {
  const invalid: InvalidRealtimeEvent[] = [];
  const todos = createOptimisticStoreManager<Todo>(
    {
      name: "todos",
      queryFn: () => fetch(`${origin}/todos`).then((response) => response.json()),
      mutations: {},
      realtime: createRealtime({ onInvalidEvent: (problem) => invalid.push(problem) }),
    },
    createQueryClient(),
  );
  const source = new EventSource(`${origin}/events`);
  todos.realtime?.connect(serverSentEvents(source));
  cleanups.push(() => {
    todos.destroy();
    source.close();
  });
  return { todos, source, invalid };
}

it("applies the stream's inserts, updates and deletes, and drops a malformed event", async () => {
  truth.push({ id: "1", title: "Buy milk" });
  const { todos, invalid } = connectedManager();
  await expect.poll(() => todos.store.count).toBe(1);
  await expect.poll(() => todos.realtime?.isConnected).toBe(true);

  send("todos", JSON.stringify({ event: "INSERT", data: { id: "2", title: "Walk the dog" } }));
  send("todos", JSON.stringify({ event: "UPDATE", data: { id: "1", title: "Buy oat milk" } }));
  send("todos", "not json");
  send("todos", JSON.stringify({ event: "DELETE", id: "2" }));
  send("todos", JSON.stringify({ event: "INSERT", data: { id: "3", title: "Call mum" } }));

  await expect.poll(() => todos.store.get("3")?.title).toBe("Call mum");
  expect(todos.store.list.map(({ id, title }) => ({ id, title }))).toEqual([
    { id: "1", title: "Buy oat milk" },
    { id: "3", title: "Call mum" },
  ]);
  // The text that is not JSON reached the store as it came, which dropped and reported it.
  expect(invalid).toEqual([{ reason: expect.any(String) as string, event: "not json" }]);
});

it("refetches the list after the stream reconnects, so nothing sent meanwhile is missed", async () => {
  truth.push({ id: "1", title: "Buy milk" });
  const { todos } = connectedManager();
  await expect.poll(() => todos.realtime?.isConnected).toBe(true);
  expect(todos.store.count).toBe(1);
  const requestsBefore = listRequests;

  // The server drops the stream, and a row is added while the browser is not listening.
  for (const stream of streams) stream.end();
  truth.push({ id: "2", title: "Written while disconnected" });

  await expect.poll(() => todos.store.get("2")?.title).toBe("Written while disconnected");
  expect(listRequests).toBeGreaterThan(requestsBefore);
  expect(todos.realtime?.isConnected).toBe(true);
});

it("stops hearing the stream once the store is destroyed", async () => {
  const { todos, source } = connectedManager();
  await expect.poll(() => todos.realtime?.isConnected).toBe(true);
  todos.destroy();

  // The stream stays open (it is the caller's): a listener of our own sees the event arrive.
  const heard = new Promise((resolve) => {
    source.addEventListener("todos", resolve);
  });
  send("todos", JSON.stringify({ event: "INSERT", data: { id: "9", title: "Too late" } }));
  await heard;
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(todos.store.has("9")).toBe(false);
});
