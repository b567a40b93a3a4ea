// The authentication guide's store, as the page shows it, against the real reference server:
// its private `posts`, its login tokens and its socket.io realtime. The page declares its
// `request` helper; this file supplies one that sends the token as a bearer header, and points
// the page's socket.io origin at the server on loopback.
import { createQueryClient, setGlobalQueryClient } from "@aos/query-client";
import type * as SocketIo from "@aos/realtime-socketio";
import { type RunningServer, readConfig, startServer } from "@aos/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type * as Page from "../snippets/guides/auth";

const loopback = vi.hoisted(() => ({ url: "" }));

vi.mock("@aos/realtime-socketio", async (importOriginal) => {
  const actual = await importOriginal<typeof SocketIo>();
  return {
    ...actual,
    createSocketIoTransport: ({ auth, socketOptions }: SocketIo.SocketIoTransportOptions) =>
      actual.createSocketIoTransport({ url: loopback.url, auth, socketOptions }),
  };
});

let server: RunningServer;
let page: typeof Page;

/** The page's `request(method, path, token, body)`. */
async function request(method: string, path: string, token: string | undefined, body?: unknown) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(token !== undefined && { Authorization: `Bearer ${token}` }),
      ...(body !== undefined && { "Content-Type": "application/json" }),
    },
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`);
  return (await response.json()) as unknown;
}

async function login(username: string): Promise<string> {
  const answer = (await request("POST", "/api/login", undefined, { username })) as {
    token: string;
  };
  return answer.token;
}

/** A post written by its owner through another client: news to the page's store. */
async function post(token: string, title: string): Promise<string> {
  const row = (await request("POST", "/api/posts", token, { title, body: "…" })) as { id: string };
  return row.id;
}

beforeAll(async () => {
  server = await startServer({ ...readConfig({}), port: 0, dataDir: "memory" });
  loopback.url = server.url;
  Object.assign(globalThis, { request });
  // Node counts as a server to @aos/query-client; this process is one browser page.
  setGlobalQueryClient(createQueryClient());
  page = await import("../snippets/guides/auth");
});

afterAll(async () => {
  page.signOut();
  page.posts.destroy();
  Reflect.deleteProperty(globalThis, "request");
  await server.close();
});

const titles = () => page.posts.store.list.map((row) => row.title).sort();

describe("the authentication guide's store against the reference server", () => {
  it("fetches nothing before sign-in, one user's rows and events after it, and forgets them at sign-out", async () => {
    const alice = await login("alice");
    const bob = await login("bob");
    await post(alice, "Alice's first");
    await post(bob, "Bob's first");
    expect(page.posts.status.isSyncing).toBe(false);
    expect(page.posts.store.count).toBe(0);

    page.signIn(alice, "alice");
    await vi.waitFor(() => {
      expect(titles()).toEqual(["Alice's first"]);
      expect(page.posts.realtime?.isConnected).toBe(true);
    });

    // Realtime with her token: her own new post arrives, Bob's never does.
    await post(bob, "Bob's second");
    const second = await post(alice, "Alice's second");
    await vi.waitFor(() => {
      expect(page.posts.store.has(second)).toBe(true);
    });
    expect(titles()).toEqual(["Alice's first", "Alice's second"]);

    // The mutation reads the token when it runs.
    await page.posts.actions.update({ id: second, data: { title: "Alice's edit" } });
    expect(titles()).toEqual(["Alice's edit", "Alice's first"]);

    page.signOut();
    expect(page.posts.store.count).toBe(0);
    expect(page.posts.realtime?.isConnected).toBe(false);

    page.signIn(bob, "bob");
    await vi.waitFor(() => {
      expect(titles()).toEqual(["Bob's first", "Bob's second"]);
    });
  });
});
