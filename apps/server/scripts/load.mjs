// Bounded load test of the reference server on loopback: N writers and M listeners for a
// fixed time. Reports requests/s and latency percentiles, and checks that every listener
// received every public event. Not part of CI: `pnpm --filter @aos/server load`.
//   WRITERS=8 LISTENERS=8 DURATION=10 pnpm --filter @aos/server load
import { performance } from "node:perf_hooks";
import { io } from "socket.io-client";
import { WebSocket } from "ws";
import { readConfig, startServer } from "../dist/index.js";

const writers = Number(process.env.WRITERS ?? 8);
const listenerCount = Number(process.env.LISTENERS ?? 8);
const seconds = Math.min(Number(process.env.DURATION ?? 10), 60);

const server = await startServer({ ...readConfig({}), port: 0, dataDir: "memory" });
const received = [];
const clients = [];
for (let index = 0; index < listenerCount; index++) {
  const counter = { events: 0 };
  received.push(counter);
  if (index % 2 === 0) {
    const socket = io(server.url, { transports: ["websocket"] });
    socket.on("todos", () => counter.events++);
    await new Promise((resolve) => socket.once("connect", resolve));
    clients.push(() => socket.disconnect());
  } else {
    const ws = new WebSocket(`${server.url.replace("http", "ws")}/ws`);
    ws.on("message", (data) => {
      if (JSON.parse(data.toString()).type === "todos") counter.events++;
    });
    await new Promise((resolve) => ws.once("open", resolve));
    clients.push(() => ws.close());
  }
}

const latencies = [];
let failures = 0;
let mutations = 0;
const deadline = performance.now() + seconds * 1000;

async function writer() {
  let id;
  while (performance.now() < deadline) {
    const started = performance.now();
    const response =
      id === undefined
        ? await fetch(`${server.url}/api/todos`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ title: "load" }),
          })
        : await fetch(`${server.url}/api/todos/${id}`, {
            method: "PATCH",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ completed: Math.random() < 0.5 }),
          });
    latencies.push(performance.now() - started);
    if (response.ok) {
      mutations++;
      const row = await response.json();
      id = Math.random() < 0.2 ? undefined : row.id;
    } else {
      failures++;
      await response.text();
    }
  }
}

const began = performance.now();
await Promise.all(Array.from({ length: writers }, writer));
const elapsed = (performance.now() - began) / 1000;
await new Promise((resolve) => setTimeout(resolve, 1000));

latencies.sort((a, b) => a - b);
const percentile = (p) =>
  latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(1);
const complete = received.every((counter) => counter.events === mutations);
console.log(`writers ${writers}, listeners ${listenerCount}, ${elapsed.toFixed(1)} s`);
console.log(
  `requests ${latencies.length} (${(latencies.length / elapsed).toFixed(0)}/s), failures ${failures}`,
);
console.log(`latency p50 ${percentile(50)} ms, p99 ${percentile(99)} ms`);
console.log(
  `events per listener: ${received.map((counter) => counter.events).join(", ")} (expected ${mutations}): ${complete ? "all received" : "MISSING EVENTS"}`,
);

for (const close of clients) close();
await server.close();
process.exit(complete && failures === 0 ? 0 : 1);
