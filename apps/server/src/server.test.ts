import { randomUUID } from "node:crypto";
import { Agent, request as httpRequest } from "node:http";
import { connect } from "node:net";
import { io, type Socket } from "socket.io-client";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { WebSocket } from "ws";
import { type RunningServer, startServer } from "./app";
import { signToken } from "./auth";
import { readConfig } from "./config";

let server: RunningServer;
const closers: (() => void)[] = [];

beforeAll(async () => {
  server = await startServer({
    ...readConfig({}),
    port: 0,
    dataDir: "memory",
    secret: "test-secret",
  });
}, 30_000);

afterEach(() => {
  for (const close of closers.splice(0)) close();
});

afterAll(async () => {
  await server.close();
});

interface Call {
  body?: unknown;
  raw?: string;
  token?: string | undefined;
  headers?: Record<string, string>;
}

async function api(method: string, path: string, call: Call = {}) {
  const headers: Record<string, string> = { ...call.headers };
  if (call.token !== undefined) headers.authorization = `Bearer ${call.token}`;
  let body: string | undefined;
  if (call.raw !== undefined) body = call.raw;
  else if (call.body !== undefined) body = JSON.stringify(call.body);
  if (body !== undefined) headers["content-type"] ??= "application/json";
  const response = await fetch(`${server.url}${path}`, { method, headers, body: body ?? null });
  const text = await response.text();
  return {
    status: response.status,
    body: text === "" ? undefined : (JSON.parse(text) as Record<string, unknown>),
  };
}

async function signIn(username: string): Promise<string> {
  const { body } = await api("POST", "/api/login", { body: { username } });
  return body?.token as string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const waitFor = (check: () => void) => vi.waitFor(check, { timeout: 10_000, interval: 10 });

/** A socket.io client and a WebSocket client, each recording what it receives. */
async function listeners(type: string, token?: string) {
  const viaSocketIo: Record<string, unknown>[] = [];
  const viaWs: Record<string, unknown>[] = [];
  const socket: Socket = io(server.url, {
    transports: ["websocket"],
    auth: token === undefined ? {} : { token },
  });
  socket.on(type, (envelope: Record<string, unknown>) => viaSocketIo.push(envelope));
  const ws = new WebSocket(
    `${server.url.replace("http", "ws")}/ws${token === undefined ? "" : `?token=${token}`}`,
  );
  ws.on("message", (data: Buffer) => {
    const envelope = JSON.parse(data.toString()) as Record<string, unknown>;
    if (envelope.type === type) viaWs.push(envelope);
  });
  closers.push(() => {
    socket.disconnect();
    ws.close();
  });
  await Promise.all([
    new Promise((resolve) =>
      socket.once("connect", () => {
        resolve(undefined);
      }),
    ),
    new Promise((resolve) =>
      ws.once("open", () => {
        resolve(undefined);
      }),
    ),
  ]);
  return { viaSocketIo, viaWs };
}

async function snapshot() {
  const token = await signIn("snapshot");
  const [todos, checkboxes] = await Promise.all([
    api("GET", "/api/todos"),
    api("GET", "/api/checkboxes"),
  ]);
  return {
    todos: todos.body,
    checkboxes: checkboxes.body,
    posts: await server.repository.count("posts"),
    token: token.length > 0,
  };
}

describe("the reference server", () => {
  it("answers its health check", async () => {
    expect(await api("GET", "/health")).toEqual({
      status: 200,
      body: { ok: true, database: "pglite" },
    });
  });

  it("runs CRUD round trips on todos, with server and client ids and version increments", async () => {
    const created = await api("POST", "/api/todos", { body: { title: " Buy milk " } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ title: "Buy milk", completed: false, version: 1 });
    expect(created.body?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(created.body?.createdAt as string)).not.toBeNaN();

    const clientId = "6f0b5a2e-1c4d-4b8e-9f3a-2d7c8e9a1b0c";
    const mine = await api("POST", "/api/todos", { body: { id: clientId, title: "Mine" } });
    expect(mine.body).toMatchObject({ id: clientId, version: 1 });

    const updated = await api("PATCH", `/api/todos/${clientId}`, { body: { completed: true } });
    expect(updated.body).toMatchObject({
      id: clientId,
      title: "Mine",
      completed: true,
      version: 2,
    });
    const again = await api("PATCH", `/api/todos/${clientId}`, { body: { title: "Mine!" } });
    expect(again.body).toMatchObject({ version: 3, completed: true });

    const listed = await api("GET", "/api/todos");
    expect((listed.body as unknown as { id: string }[]).map((row) => row.id)).toContain(clientId);
    expect(await api("DELETE", `/api/todos/${clientId}`)).toEqual({
      status: 200,
      body: { id: clientId },
    });
    expect(
      await api("PATCH", `/api/todos/${clientId}`, { body: { completed: false } }),
    ).toMatchObject({ status: 404 });
    expect(await api("DELETE", `/api/todos/${created.body?.id as string}`)).toMatchObject({
      status: 200,
    });
  });

  it("moves updatedAt forward by at least a millisecond on every update, whatever the clock says", async () => {
    const created = await api("POST", "/api/todos", { body: { title: "Tick" } });
    const id = created.body?.id as string;
    // A row stamped ahead of the clock (another writer's skewed clock, or two writes in one
    // millisecond, which JSON's millisecond timestamps cannot tell apart).
    await server.database.query(
      "UPDATE todos SET updated_at = now() + interval '1 hour' WHERE id = $1",
      [id],
    );
    const listed = (await api("GET", "/api/todos")).body as unknown as {
      id: string;
      updatedAt: string;
    }[];
    const ahead = Date.parse(listed.find((row) => row.id === id)?.updatedAt ?? "");
    const first = await api("PATCH", `/api/todos/${id}`, { body: { completed: true } });
    const second = await api("PATCH", `/api/todos/${id}`, { body: { completed: false } });

    const stamps = [first, second].map((answer) => Date.parse(answer.body?.updatedAt as string));
    expect(stamps[0]).toBeGreaterThan(ahead);
    expect(stamps[1]).toBeGreaterThan(stamps[0]!);
  });

  it("runs CRUD round trips on checkboxes and refuses a second box in one cell", async () => {
    const box = await api("POST", "/api/checkboxes", { body: { x: 3, y: 4 } });
    expect(box.body).toMatchObject({ x: 3, y: 4, checked: false, version: 1 });
    // The grid speaks snake_case with ISO string timestamps (the Svelte demo's transformer maps it).
    expect(Object.keys(box.body ?? {}).sort()).toEqual(
      ["checked", "created_at", "id", "updated_at", "version", "x", "y"].sort(),
    );
    expect(new Date(box.body?.created_at as string).toISOString()).toBe(box.body?.created_at);
    const toggled = await api("PATCH", `/api/checkboxes/${box.body?.id as string}`, {
      body: { checked: true },
    });
    expect(toggled.body).toMatchObject({ checked: true, version: 2 });
    expect(Date.parse(toggled.body?.updated_at as string)).toBeGreaterThanOrEqual(
      Date.parse(box.body?.updated_at as string),
    );
    expect(await api("POST", "/api/checkboxes", { body: { x: 3, y: 4 } })).toMatchObject({
      status: 409,
      body: { error: { code: "CONFLICT" } },
    });
    expect(await api("DELETE", `/api/checkboxes/${box.body?.id as string}`)).toMatchObject({
      status: 200,
    });
  });

  it("deletes when the request says Content-Type: application/json but sends no body", async () => {
    const created = await api("POST", "/api/todos", { body: { title: "Headers only" } });
    const id = created.body?.id as string;

    expect(
      await api("DELETE", `/api/todos/${id}`, {
        headers: { "content-type": "application/json" },
      }),
    ).toEqual({ status: 200, body: { id } });
    expect(
      await api("DELETE", `/api/todos/${id}`, {
        raw: "",
        headers: { "content-type": "application/json" },
      }),
    ).toMatchObject({ status: 404 });
  });

  it("keeps each user's posts their own over REST", async () => {
    const alice = await signIn("alice");
    const bob = await signIn("bob");
    const post = await api("POST", "/api/posts", { token: alice, body: { title: "Dear diary" } });
    expect(post.body).toMatchObject({ owner: "alice", title: "Dear diary", body: "", version: 1 });
    const id = post.body?.id as string;

    expect(await api("GET", "/api/posts")).toMatchObject({
      status: 401,
      body: { error: { code: "UNAUTHORIZED" } },
    });
    expect(await api("GET", "/api/posts", { token: "forged.token" })).toMatchObject({
      status: 401,
    });
    expect((await api("GET", "/api/posts", { token: alice })).body).toEqual([post.body]);
    expect((await api("GET", "/api/posts", { token: bob })).body).toEqual([]);
    expect(
      await api("PATCH", `/api/posts/${id}`, { token: bob, body: { title: "mine now" } }),
    ).toMatchObject({
      status: 403,
      body: { error: { code: "FORBIDDEN" } },
    });
    expect(await api("DELETE", `/api/posts/${id}`, { token: bob })).toMatchObject({ status: 403 });
    expect(
      await api("PATCH", `/api/posts/${id}`, { token: alice, body: { body: "edited" } }),
    ).toMatchObject({
      status: 200,
      body: { body: "edited", version: 2 },
    });
    expect(await api("DELETE", `/api/posts/${id}`, { token: alice })).toMatchObject({
      status: 200,
    });
  });

  it("broadcasts each change once per client over socket.io and WebSocket, echoing the request's ids", async () => {
    const first = await listeners("todos");
    const second = await listeners("todos");
    const headers = { "x-browser-id": "browser-1", "x-mutation-id": "mutation-1" };

    const created = await api("POST", "/api/todos", { body: { title: "Echo" }, headers });
    const id = created.body?.id as string;
    await api("PATCH", `/api/todos/${id}`, {
      body: { completed: true },
      headers: { ...headers, "x-mutation-id": "mutation-2" },
    });
    await api("DELETE", `/api/todos/${id}`, {
      headers: { "x-browser-id": "browser-1", "x-mutation-id": "mutation-3" },
    });
    await waitFor(() => {
      for (const received of [first.viaSocketIo, first.viaWs, second.viaSocketIo, second.viaWs]) {
        expect(received.length).toBeGreaterThanOrEqual(3);
      }
    });
    await sleep(100);

    for (const received of [first.viaSocketIo, first.viaWs, second.viaSocketIo, second.viaWs]) {
      expect(received).toEqual([
        {
          type: "todos",
          event: "INSERT",
          data: created.body,
          browserId: "browser-1",
          mutationId: "mutation-1",
          version: 1,
        },
        expect.objectContaining({
          event: "UPDATE",
          mutationId: "mutation-2",
          version: 2,
          data: expect.objectContaining({ completed: true }),
        }),
        {
          type: "todos",
          event: "DELETE",
          id,
          browserId: "browser-1",
          mutationId: "mutation-3",
          version: 3,
        },
      ]);
    }
  });

  it("echoes any id a client may choose, and leaves out one that is not a header token", async () => {
    const { viaWs } = await listeners("todos");
    await api("POST", "/api/todos", {
      body: { title: "Chosen" },
      headers: { "x-browser-id": "tab:1/main", "x-mutation-id": "m.1" },
    });
    await api("POST", "/api/todos", {
      body: { title: "Too long" },
      headers: { "x-browser-id": "b".repeat(101), "x-mutation-id": "with space" },
    });
    await waitFor(() => {
      expect(viaWs).toHaveLength(2);
    });
    expect(viaWs[0]).toMatchObject({ browserId: "tab:1/main", mutationId: "m.1" });
    expect(viaWs[1]).not.toHaveProperty("browserId");
    expect(viaWs[1]).not.toHaveProperty("mutationId");
  });

  it("answers and broadcasts the stored (lower-case) id when the URL spells it in upper case", async () => {
    const { viaSocketIo, viaWs } = await listeners("todos");
    const created = await api("POST", "/api/todos", { body: { title: "Shouting" } });
    const id = created.body?.id as string;
    const shouted = id.toUpperCase();

    expect(
      await api("PATCH", `/api/todos/${shouted}`, { body: { completed: true } }),
    ).toMatchObject({ status: 200, body: { id } });
    expect(await api("DELETE", `/api/todos/${shouted}`)).toEqual({ status: 200, body: { id } });

    await waitFor(() => {
      expect(viaSocketIo).toHaveLength(3);
      expect(viaWs).toHaveLength(3);
    });
    for (const received of [viaSocketIo, viaWs]) {
      expect(received.map((event) => event.id ?? (event.data as { id: string }).id)).toEqual([
        id,
        id,
        id,
      ]);
    }
  });

  it("gives a DELETE event a version above every UPDATE committed before the row went", async () => {
    const { viaSocketIo, viaWs } = await listeners("todos");
    const created = await api("POST", "/api/todos", { body: { title: "Raced" } });
    const id = created.body?.id as string;

    // Hold the DELETE statement back while two updates commit, as a pooled PostgreSQL can.
    const query = server.database.query.bind(server.database);
    let reachDelete!: () => void;
    const deleteReached = new Promise<void>((resolve) => (reachDelete = resolve));
    let releaseDelete!: () => void;
    const deleteReleased = new Promise<void>((resolve) => (releaseDelete = resolve));
    const spy = vi.spyOn(server.database, "query").mockImplementation(async (sql, params) => {
      if (sql.includes("DELETE FROM todos")) {
        reachDelete();
        await deleteReleased;
      }
      return query(sql, params);
    });
    try {
      const deleted = api("DELETE", `/api/todos/${id}`);
      await deleteReached;
      await api("PATCH", `/api/todos/${id}`, { body: { completed: true } });
      await api("PATCH", `/api/todos/${id}`, { body: { title: "Raced!" } });
      releaseDelete();
      expect(await deleted).toEqual({ status: 200, body: { id } });
    } finally {
      spy.mockRestore();
    }

    await waitFor(() => {
      expect(viaSocketIo).toHaveLength(4);
      expect(viaWs).toHaveLength(4);
    });
    for (const received of [viaSocketIo, viaWs]) {
      expect(received.map((event) => [event.event, event.version])).toEqual([
        ["INSERT", 1],
        ["UPDATE", 2],
        ["UPDATE", 3],
        ["DELETE", 4],
      ]);
    }
  });

  it("gives a row made again at a deleted id a version above the DELETE event's", async () => {
    const alice = await signIn("alice");
    const todos = await listeners("todos");
    const posts = await listeners("posts", alice);
    const id = randomUUID();
    for (const [collection, token, received] of [
      ["todos", undefined, todos],
      ["posts", alice, posts],
    ] as const) {
      await api("POST", `/api/${collection}`, { token, body: { id, title: "First" } });
      await api("PATCH", `/api/${collection}/${id}`, { token, body: { title: "Edited" } });
      await api("DELETE", `/api/${collection}/${id}`, { token });
      const again = await api("POST", `/api/${collection}`, {
        token,
        body: { id, title: "Again" },
      });
      expect(again).toMatchObject({ status: 201, body: { id, version: 4 } });
      await api("DELETE", `/api/${collection}/${id}`, { token });

      await waitFor(() => {
        expect(received.viaSocketIo).toHaveLength(5);
        expect(received.viaWs).toHaveLength(5);
      });
      for (const events of [received.viaSocketIo, received.viaWs]) {
        expect(events.map((event) => [event.event, event.version])).toEqual([
          ["INSERT", 1],
          ["UPDATE", 2],
          ["DELETE", 3],
          ["INSERT", 4],
          ["DELETE", 5],
        ]);
      }
    }
  });

  it("never lets an update checked against a user's post change the post another user made at its id", async () => {
    const alice = await signIn("alice");
    const bob = await signIn("bob");
    const atAlice = await listeners("posts", alice);
    const id = "5d7e3c1a-9b2f-4e6d-8c0a-1f2e3d4c5b6a";
    await api("POST", "/api/posts", { token: alice, body: { id, title: "alice's" } });

    // Hold alice's UPDATE while her post goes and bob makes one at the same id.
    const query = server.database.query.bind(server.database);
    let reachUpdate!: () => void;
    const updateReached = new Promise<void>((resolve) => (reachUpdate = resolve));
    let releaseUpdate!: () => void;
    const updateReleased = new Promise<void>((resolve) => (releaseUpdate = resolve));
    const spy = vi.spyOn(server.database, "query").mockImplementation(async (sql, params) => {
      if (sql.startsWith("UPDATE posts")) {
        reachUpdate();
        await updateReleased;
      }
      return query(sql, params);
    });
    let edited: Awaited<ReturnType<typeof api>>;
    try {
      const editing = api("PATCH", `/api/posts/${id}`, { token: alice, body: { title: "edited" } });
      await updateReached;
      expect(await api("DELETE", `/api/posts/${id}`, { token: alice })).toMatchObject({
        status: 200,
      });
      expect(
        await api("POST", "/api/posts", { token: bob, body: { id, title: "bob's" } }),
      ).toMatchObject({ status: 201 });
      releaseUpdate();
      edited = await editing;
    } finally {
      spy.mockRestore();
    }

    expect(edited).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
    expect((await api("GET", "/api/posts", { token: bob })).body).toEqual([
      expect.objectContaining({ id, owner: "bob", title: "bob's", version: 1 }),
    ]);
    await sleep(100);
    for (const received of [atAlice.viaSocketIo, atAlice.viaWs]) {
      expect(received.map((event) => event.event)).toEqual(["INSERT", "DELETE"]);
    }
    await api("DELETE", `/api/posts/${id}`, { token: bob });
  });

  it("never sends user A's post events to user B, while B receives B's own", async () => {
    const alice = await signIn("alice");
    const bob = await signIn("bob");
    const atBob = await listeners("posts", bob);
    const anonymous = await listeners("posts");

    await api("POST", "/api/posts", { token: alice, body: { title: "private to alice" } });
    await sleep(200);
    expect([
      ...atBob.viaSocketIo,
      ...atBob.viaWs,
      ...anonymous.viaSocketIo,
      ...anonymous.viaWs,
    ]).toEqual([]);

    // The positive control: B's own event arrives, on connections that would have carried A's first.
    await api("POST", "/api/posts", { token: bob, body: { title: "bob's own" } });
    await waitFor(() => {
      expect(atBob.viaSocketIo.length + atBob.viaWs.length).toBeGreaterThanOrEqual(2);
    });
    await sleep(100);
    expect(atBob.viaSocketIo.map((event) => (event.data as { title: string }).title)).toEqual([
      "bob's own",
    ]);
    expect(atBob.viaWs.map((event) => (event.data as { title: string }).title)).toEqual([
      "bob's own",
    ]);
    expect([...anonymous.viaSocketIo, ...anonymous.viaWs]).toEqual([]);
  });

  it("refuses a bad token on the socket.io handshake and the WebSocket upgrade", async () => {
    const socket = io(server.url, {
      transports: ["websocket"],
      auth: { token: "forged" },
      reconnection: false,
    });
    closers.push(() => socket.disconnect());
    const refused = await new Promise<Error>((resolve) => socket.once("connect_error", resolve));
    expect(refused.message).toBe("unauthorized");

    const ws = new WebSocket(`${server.url.replace("http", "ws")}/ws?token=forged`);
    const code = await new Promise<number>((resolve) => ws.once("close", resolve));
    expect(code).toBe(4401);
  });

  it("ends a realtime connection when its token expires, so it receives no private row after", async () => {
    const dora = await signIn("dora");
    // Signed a day ago but for one second, as a day's token is at the end of its day.
    const expiring = signToken("dora", "test-secret", Date.now() - 24 * 60 * 60 * 1000 + 1000);
    const received: unknown[] = [];
    const socket = io(server.url, { transports: ["websocket"], auth: { token: expiring } });
    socket.on("posts", (envelope: unknown) => received.push(envelope));
    let refused: Error | undefined;
    socket.on("connect_error", (error) => (refused = error));
    const ws = new WebSocket(`${server.url.replace("http", "ws")}/ws?token=${expiring}`);
    ws.on("message", (data: Buffer) => received.push(JSON.parse(data.toString())));
    let closedWith: number | undefined;
    ws.on("close", (code) => (closedWith = code));
    closers.push(() => {
      socket.disconnect();
      ws.close();
    });
    await waitFor(() => {
      expect(socket.connected).toBe(true);
      expect(ws.readyState).toBe(WebSocket.OPEN);
    });
    await api("POST", "/api/posts", { token: dora, body: { title: "before it expires" } });
    await waitFor(() => {
      expect(received).toHaveLength(2);
    });

    // Ended at expiry: socket.io reconnects with the token it has (refused, as expired), and
    // the WebSocket closes with a code the transport reconnects after (to a fresh token's URL).
    await waitFor(() => {
      expect(refused?.message).toBe("unauthorized");
      expect(closedWith).toBe(4001);
    });
    const control = await listeners("posts", dora);
    await api("POST", "/api/posts", { token: dora, body: { title: "after it expired" } });
    await waitFor(() => {
      expect(control.viaSocketIo).toHaveLength(1);
      expect(control.viaWs).toHaveLength(1);
    });
    expect(received).toHaveLength(2);
    expect(socket.connected).toBe(false);
  });

  it("answers WebSocket pings with pongs", async () => {
    const ws = new WebSocket(`${server.url.replace("http", "ws")}/ws`);
    closers.push(() => {
      ws.close();
    });
    await new Promise((resolve) => ws.once("open", resolve));

    ws.send('{"type":"ping"}');
    const reply = await new Promise<string>((resolve) =>
      ws.once("message", (data: Buffer) => {
        resolve(data.toString());
      }),
    );

    expect(reply).toBe('{"type":"pong"}');
  });

  it("closes a WebSocket that sends a frame over 64 KiB and keeps serving", async () => {
    const ws = new WebSocket(`${server.url.replace("http", "ws")}/ws`);
    closers.push(() => {
      ws.terminate();
    });
    ws.on("error", () => undefined);
    await new Promise((resolve) => ws.once("open", resolve));
    const closed = new Promise((resolve) => ws.once("close", resolve));

    ws.send("x".repeat(65 * 1024));
    await closed;

    expect((await api("GET", "/health")).status).toBe(200);
    expect(server.connections().ws).toBe(0);
  });

  it("answers an upgrade to an unknown path with 404 and closes it", async () => {
    const socket = connect(server.port, "127.0.0.1");
    closers.push(() => {
      socket.destroy();
    });
    let answer = "";
    socket.on("data", (chunk: Buffer) => (answer += chunk.toString()));
    socket.write(
      "GET /foo HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n" +
        "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n",
    );

    const closed = await Promise.race([
      new Promise((resolve) =>
        socket.once("close", () => {
          resolve(true);
        }),
      ),
      sleep(1000).then(() => false),
    ]);

    expect(closed).toBe(true);
    expect(answer).toMatch(/^HTTP\/1\.1 404 /);
  });

  it("fails a request on demand with X-Fail, changing nothing", async () => {
    const before = await snapshot();

    const failed = await api("POST", "/api/todos", {
      body: { title: "doomed" },
      headers: { "x-fail": "1" },
    });

    expect(failed).toEqual({
      status: 500,
      body: { error: { code: "INJECTED_FAILURE", message: "Failed on request (X-Fail)." } },
    });
    expect(await snapshot()).toEqual(before);
  });

  it("fails on X-Fail by the matched route, however the URL spells it", async () => {
    const before = await snapshot();

    const encoded = await api("POST", "/%61pi/todos", {
      body: { title: "doomed" },
      headers: { "x-fail": "1" },
    });
    const withQuery = await api("POST", "/api/login?x=1", {
      body: { username: "ada" },
      headers: { "x-fail": "1" },
    });

    expect(encoded).toMatchObject({ status: 500, body: { error: { code: "INJECTED_FAILURE" } } });
    expect(await snapshot()).toEqual(before);
    // The login stays outside fault injection: a demo can always sign in.
    expect(withQuery).toMatchObject({ status: 200, body: { user: { username: "ada" } } });
  });

  const uuid = "0b9c7f0e-3a7d-4f6b-8a2e-5c1d9e8f7a6b";
  const badRequests: [string, string, string, Call, number, string][] = [
    ["malformed JSON", "POST", "/api/todos", { raw: '{"title":' }, 400, "MALFORMED_JSON"],
    ["an empty JSON body", "POST", "/api/todos", { raw: "" }, 400, "MALFORMED_JSON"],
    ["an empty JSON update", "PATCH", `/api/todos/${uuid}`, { raw: "" }, 400, "MALFORMED_JSON"],
    ["a body that is not an object", "POST", "/api/todos", { body: ["title"] }, 422, "VALIDATION"],
    ["a missing title", "POST", "/api/todos", { body: {} }, 422, "VALIDATION"],
    ["a blank title", "POST", "/api/todos", { body: { title: "   " } }, 422, "VALIDATION"],
    [
      "an unknown field",
      "POST",
      "/api/todos",
      { body: { title: "x", admin: true } },
      422,
      "VALIDATION",
    ],
    ["a wrong type", "POST", "/api/todos", { body: { title: 42 } }, 422, "VALIDATION"],
    [
      "a string boolean",
      "POST",
      "/api/todos",
      { body: { title: "x", completed: "true" } },
      422,
      "VALIDATION",
    ],
    [
      "an oversized string",
      "POST",
      "/api/todos",
      { body: { title: "x".repeat(201) } },
      422,
      "VALIDATION",
    ],
    [
      "a body over the size limit",
      "POST",
      "/api/todos",
      { body: { title: "x".repeat(70_000) } },
      413,
      "PAYLOAD_TOO_LARGE",
    ],
    [
      "a client id that is not a UUID",
      "POST",
      "/api/todos",
      { body: { id: "1", title: "x" } },
      422,
      "VALIDATION",
    ],
    [
      "a prototype-polluting key",
      "POST",
      "/api/todos",
      { raw: '{"title":"x","__proto__":{"admin":true}}' },
      422,
      "VALIDATION",
    ],
    [
      "a non-JSON content type",
      "POST",
      "/api/todos",
      { raw: "<todo/>", headers: { "content-type": "application/xml" } },
      415,
      "UNSUPPORTED_MEDIA_TYPE",
    ],
    [
      "a JSON body sent as text/plain",
      "POST",
      "/api/todos",
      { raw: '{"title":"x"}', headers: { "content-type": "text/plain;charset=UTF-8" } },
      415,
      "UNSUPPORTED_MEDIA_TYPE",
    ],
    [
      "a NUL character in a title",
      "POST",
      "/api/todos",
      { body: { title: "a\u0000b" } },
      422,
      "VALIDATION",
    ],
    [
      "a NUL character in an updated title",
      "PATCH",
      `/api/todos/${uuid}`,
      { body: { title: "\u0000" } },
      422,
      "VALIDATION",
    ],
    ["an empty update", "PATCH", `/api/todos/${uuid}`, { body: {} }, 422, "VALIDATION"],
    [
      "an update of a missing row",
      "PATCH",
      `/api/todos/${uuid}`,
      { body: { completed: true } },
      404,
      "NOT_FOUND",
    ],
    [
      "a row id that is not a UUID",
      "PATCH",
      "/api/todos/42",
      { body: { completed: true } },
      404,
      "NOT_FOUND",
    ],
    ["a delete of a missing row", "DELETE", `/api/todos/${uuid}`, {}, 404, "NOT_FOUND"],
    ["an unknown collection", "GET", "/api/users", {}, 404, "NOT_FOUND"],
    ["an unknown route", "GET", "/nope", {}, 404, "NOT_FOUND"],
    ["a malformed URL", "GET", "/api/todos/%E0%A4%A", {}, 400, "BAD_REQUEST"],
    [
      "a cell outside the grid",
      "POST",
      "/api/checkboxes",
      { body: { x: 99, y: 0 } },
      422,
      "VALIDATION",
    ],
    ["a fractional cell", "POST", "/api/checkboxes", { body: { x: 1.5, y: 0 } }, 422, "VALIDATION"],
    [
      "a checkbox update of another field",
      "PATCH",
      `/api/checkboxes/${uuid}`,
      { body: { x: 1 } },
      422,
      "VALIDATION",
    ],
    [
      "private posts without a token",
      "POST",
      "/api/posts",
      { body: { title: "x" } },
      401,
      "UNAUTHORIZED",
    ],
    [
      "private posts with a forged token",
      "GET",
      "/api/posts",
      { token: "eyJzdWIiOiJhIn0.forged" },
      401,
      "UNAUTHORIZED",
    ],
    [
      "a login with a bad name",
      "POST",
      "/api/login",
      { body: { username: "Robert'); DROP TABLE todos;--" } },
      422,
      "VALIDATION",
    ],
  ];

  it("answers 422 when PostgreSQL refuses a character the schemas let through", async () => {
    await expect(
      server.repository.insert("todos", { title: "a\u0000b" }, undefined),
    ).rejects.toMatchObject({ status: 422, code: "VALIDATION" });
    const created = await api("POST", "/api/todos", { body: { title: "fine" } });
    const id = created.body?.id as string;
    await expect(
      server.repository.update("todos", id, { title: "a\u0000b" }, undefined),
    ).rejects.toMatchObject({ status: 422, code: "VALIDATION" });
    await api("DELETE", `/api/todos/${id}`);
  });

  it(`has a table of at least 20 bad requests (${badRequests.length})`, () => {
    expect(badRequests.length).toBeGreaterThanOrEqual(20);
  });

  it.each(badRequests)(
    "answers %s with a clear error and changes nothing",
    async (_, method, path, call, status, code) => {
      const before = await snapshot();

      const response = await api(method, path, call);

      expect(response.status).toBe(status);
      expect(response.body).toMatchObject({ error: { code, message: expect.any(String) } });
      expect(JSON.stringify(response.body)).not.toMatch(/at .*\.(js|ts):\d+/);
      expect(await snapshot()).toEqual(before);
    },
  );
});

describe("fault injection from the environment", () => {
  it("fails mutations at the configured rate and leaves reads alone", async () => {
    const failing = await startServer({
      ...readConfig({ AOS_FAILURE_RATE: "1", AOS_LATENCY_MS: "5" }),
      port: 0,
      dataDir: "memory",
    });
    try {
      const response = await fetch(`${failing.url}/api/todos`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ title: "x" }),
      });
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({
        error: { code: "INJECTED_FAILURE", message: "Failed by the configured failure rate." },
      });
      expect((await fetch(`${failing.url}/api/todos`)).status).toBe(200);
      expect(await failing.repository.count("todos")).toBe(0);
    } finally {
      await failing.close();
    }
  }, 30_000);

  it("refuses settings that make no sense", () => {
    expect(() => readConfig({ AOS_FAILURE_RATE: "2" })).toThrow(
      "AOS_FAILURE_RATE must be between 0 and 1.",
    );
    expect(() => readConfig({ PORT: "-1" })).toThrow(
      'PORT must be a non-negative number, not "-1".',
    );
    expect(readConfig({}).secret).not.toBe(readConfig({}).secret);
  });
});

describe("shutdown", () => {
  it("answers a request in flight, then closes without waiting for its keep-alive connection", async () => {
    const closing = await startServer({ ...readConfig({}), port: 0, dataDir: "memory" });
    const agent = new Agent({ keepAlive: true });
    const query = closing.database.query.bind(closing.database);
    let reachInsert!: () => void;
    const insertReached = new Promise<void>((resolve) => (reachInsert = resolve));
    let releaseInsert!: () => void;
    const insertReleased = new Promise<void>((resolve) => (releaseInsert = resolve));
    vi.spyOn(closing.database, "query").mockImplementation(async (sql, params) => {
      if (sql.startsWith("INSERT")) {
        reachInsert();
        await insertReleased;
      }
      return query(sql, params);
    });
    try {
      const answered = new Promise<number | undefined>((resolve, reject) => {
        const request = httpRequest(
          `${closing.url}/api/todos`,
          { method: "POST", agent, headers: { "content-type": "application/json" } },
          (response) => {
            response.resume();
            response.on("end", () => {
              resolve(response.statusCode);
            });
          },
        );
        request.on("error", reject);
        request.end(JSON.stringify({ title: "in flight" }));
      });
      await insertReached;

      const closed = closing.close().then(() => true);
      await sleep(50);
      releaseInsert();

      expect(await answered).toBe(201);
      expect(await Promise.race([closed, sleep(3000).then(() => false)])).toBe(true);
    } finally {
      agent.destroy();
    }
  }, 30_000);
});
