// Several real clients (store managers, each with its own QueryClient and socket.io transport)
// against the reference server: however answers, echoes, refetches and reconnections
// interleave, once everything settles every client shows exactly the server's rows.
import fc from "fast-check";
import { autorun } from "mobx";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type RunningServer, startServer } from "./app";
import { readConfig } from "./config";
import {
  type ClientOptions,
  gate,
  type LiveClient,
  openClient,
  serverRows,
} from "./testing/liveClients";

// Scenarios per mode; AOS_LIVE_DELAY (ms) and AOS_LIVE_OPS make them longer when exploring.
const RUNS = Number(process.env.AOS_LIVE_RUNS ?? 6);
const MAX_DELAY = Number(process.env.AOS_LIVE_DELAY ?? 40);
const MAX_OPS = Number(process.env.AOS_LIVE_OPS ?? 30);

let server: RunningServer;
const open: LiveClient[] = [];
const stops: (() => void)[] = [];

beforeAll(async () => {
  server = await startServer({ ...readConfig({}), port: 0, dataDir: "memory" });
}, 30_000);
beforeEach(async () => {
  await server.database.query("DELETE FROM todos");
});
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  for (const client of open.splice(0)) client.destroy();
});
afterAll(async () => {
  await server.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function tabs(count: number, options: ClientOptions = {}): Promise<LiveClient[]> {
  const clients: LiveClient[] = [];
  for (let index = 0; index < count; index++) {
    const client = openClient(server, `tab${index}`, options);
    open.push(client);
    clients.push(client);
  }
  await vi.waitFor(() => {
    for (const client of clients) {
      expect(client.manager.realtime?.isConnected).toBe(true);
      expect(client.manager.status.isSyncing).toBe(false);
    }
  });
  return clients;
}

async function post(title: string) {
  const response = await fetch(`${server.url}/api/todos`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ title }),
  });
  return (await response.json()) as { id: string; title: string };
}

/** Waits until every client shows exactly the server's rows, with no change pending. */
async function expectConverged(clients: readonly LiveClient[], timeout = 3000) {
  for (const client of clients) {
    client.releaseEvents();
    client.reconnect();
  }
  await Promise.all(clients.map((client) => client.settled()));
  const expected = (await serverRows(server)).sort((a, b) => a.id.localeCompare(b.id));
  await vi.waitFor(
    () => {
      for (const client of clients) {
        expect(client.manager.store.pendingMutations, client.name).toEqual([]);
        expect(client.rows(), client.name).toEqual(expected);
        const ids = client.manager.store.list.map((row) => row.id);
        expect(new Set(ids).size, `${client.name} lists a row twice`).toBe(ids.length);
        expect(ids.length).toBe(client.manager.store.count);
      }
    },
    { timeout, interval: 20 },
  );
}

/** Every value a tab shows for one field of one row, from now on (undefined: not shown). */
function history(client: LiveClient, id: string, field: "title" | "completed") {
  const seen: unknown[] = [];
  const stop = autorun(() => {
    seen.push(client.manager.store.get(id)?.[field]);
  });
  stops.push(stop);
  return seen;
}

describe("an update's echo and its answer", () => {
  it.each([
    ["before", true],
    ["after", true],
    ["before", false],
    ["after", false],
  ] as const)(
    "echo %s the answer (versioned: %s): applied once, never undone",
    async (order, versioned) => {
      const row = await post("Before");
      const [a, b] = await tabs(2, { versioned });
      const seenByA = history(a!, row.id, "title");
      const answer = gate();
      if (order === "after") a!.holdEvents();
      const seen = a!.eventsSeen();
      const updating = a!.update(row.id, { title: "Mine" }, { after: answer.opened });
      await vi.waitFor(() => {
        expect(b!.manager.store.get(row.id)?.title).toBe("Mine");
        expect(a!.eventsSeen()).toBe(seen + 1); // the echo reached A too, held or not
      });
      answer.open();
      await updating;
      a!.releaseEvents();
      await expectConverged([a!, b!]);
      expect(seenByA).toEqual(["Before", "Mine"]);
    },
  );

  it("a delete's echo before and after its answer: gone once, never back", async () => {
    const first = await post("First");
    const second = await post("Second");
    const [a, b] = await tabs(2, { versioned: true });
    const firstSeen = history(a!, first.id, "title");
    const secondSeen = history(a!, second.id, "title");
    const answer = gate();
    const seen = a!.eventsSeen();
    const removing = a!.remove(first.id, { after: answer.opened });
    await vi.waitFor(() => {
      expect(b!.manager.store.has(first.id)).toBe(false);
      expect(a!.eventsSeen()).toBe(seen + 1);
    });
    answer.open();
    await removing;
    a!.holdEvents();
    await a!.remove(second.id);
    a!.releaseEvents();
    await expectConverged([a!, b!]);
    expect(firstSeen).toEqual(["First", undefined]);
    expect(secondSeen).toEqual(["Second", undefined]);
  });
});

describe("a create the server gives its id", () => {
  it("echo before the answer; an update and a delete made to the temporary row follow it", async () => {
    const [a, b] = await tabs(2, { versioned: true, serverIds: true });
    const answer = gate();
    const seen = a!.eventsSeen();
    const creating = a!.create({ title: "New" }, { after: answer.opened });
    const temporaryId = a!.manager.store.list[0]!.id;
    const key = a!.manager.store.keyOf(temporaryId);
    const updating = a!.update(temporaryId, { title: "Renamed" });
    const doomed = a!.create({ title: "Doomed" }, { after: answer.opened });
    const doomedId = a!.manager.store.list[1]!.id;
    const removing = a!.remove(doomedId);
    await vi.waitFor(() => {
      expect(b!.manager.store.count).toBe(2);
      expect(a!.eventsSeen()).toBe(seen + 2); // both echoes reached A before the answers
    });
    expect(a!.manager.store.list.map((row) => row.title)).toEqual(["Renamed"]);
    answer.open();
    const created = await creating;
    await Promise.all([updating, doomed, removing]);
    expect(a!.manager.store.keyOf(created.id)).toBe(key);
    await expectConverged([a!, b!]);
    expect(a!.rows().map((row) => row.title)).toEqual(["Renamed"]);
  });

  it("an update made after the echo, before the answer, goes to the server's id", async () => {
    const [a, b] = await tabs(2, { versioned: true, serverIds: true });
    const answer = gate();
    const creating = a!.create({ title: "New" }, { after: answer.opened });
    const temporaryId = a!.manager.store.list[0]!.id;
    await vi.waitFor(() => {
      expect(a!.manager.store.resolveId(temporaryId)).not.toBe(temporaryId);
    });
    const updating = a!.update(temporaryId, { completed: true });
    await updating;
    answer.open();
    await creating;
    await expectConverged([a!, b!]);
    expect(b!.rows()).toMatchObject([{ title: "New", completed: true }]);
  });
});

describe("two tabs edit one row at once", () => {
  it.each([true, false])(
    "both changes land, each tab shows the server's row (versioned: %s)",
    async (versioned) => {
      const row = await post("Shared");
      const [a, b] = await tabs(2, { versioned });
      const goA = gate();
      const goB = gate();
      const editA = a!.update(row.id, { title: "From A" }, { after: goA.opened });
      const editB = b!.update(row.id, { completed: true }, { after: goB.opened });
      // Both committed, both echoes in; answers held.
      await vi.waitFor(() => {
        expect(a!.manager.store.get(row.id)).toMatchObject({ title: "From A", completed: true });
        expect(b!.manager.store.get(row.id)).toMatchObject({ title: "From A", completed: true });
      });
      goB.open();
      await editB;
      goA.open();
      await editA;
      if (!versioned) await Promise.all([a!, b!].map((tab) => tab.manager.actions.refetch()));
      await expectConverged([a!, b!]);
    },
  );
});

describe("a tab cut off while its changes are in flight", () => {
  it("misses events, resyncs on reconnection while a change is still pending, and converges", async () => {
    const kept = await post("Kept");
    const gone = await post("Gone");
    const [a, b] = await tabs(2, { versioned: true });
    const answer = gate();
    const slow = a!.update(kept.id, { title: "Slow" }, { after: answer.opened });
    const held = gate();
    const late = a!.update(kept.id, { completed: true }, { before: held.opened });
    a!.disconnect();
    await b!.remove(gone.id);
    await b!.create({ title: "Missed" });
    await b!.update(kept.id, { title: "From B" });
    a!.reconnect();
    await vi.waitFor(() => {
      expect(a!.manager.store.has(gone.id)).toBe(false);
      expect(a!.manager.store.count).toBe(2);
    });
    expect(a!.manager.store.get(kept.id)).toMatchObject({ title: "Slow", completed: true });
    answer.open();
    await slow;
    held.open();
    await late;
    await expectConverged([a!, b!]);
  });
});

describe("a resync during which an answer lands", () => {
  it("still removes a row deleted while the tab was cut off", async () => {
    const row = await post("Doomed");
    const [a, b] = await tabs(2, { versioned: true });
    const answer = gate();
    const updating = a!.update(row.id, { title: "Mine" }, { after: answer.opened });
    await vi.waitFor(() => {
      expect(b!.manager.store.get(row.id)?.title).toBe("Mine");
    });
    a!.disconnect();
    await b!.remove(row.id); // A misses the event
    const list = gate();
    a!.holdNextList(list.opened);
    const taken = a!.listsTaken();
    a!.reconnect(); // the resync's list, without the row, is taken now...
    await vi.waitFor(() => {
      expect(a!.listsTaken()).toBe(taken + 1);
    });
    answer.open(); // ...and the update's answer arrives before it
    await updating;
    list.open();
    await expectConverged([a!, b!]);
  });
});

describe("a delete while another tab's update of the row is pending", () => {
  it.each(["before", "after"] as const)(
    "the update sent %s the delete settles as a conflict or lands first",
    async (when) => {
      const row = await post("Doomed");
      const [a, b] = await tabs(2, { versioned: true });
      const go = gate();
      const updating = a!.update(
        row.id,
        { title: "Mine" },
        when === "before" ? { after: go.opened } : { before: go.opened },
      );
      // Sent before the delete: committed, its echo at B. Sent after: held before sending.
      if (when === "before") {
        await vi.waitFor(() => {
          expect(b!.manager.store.get(row.id)?.title).toBe("Mine");
        });
      }
      await b!.remove(row.id);
      await vi.waitFor(() => {
        expect(a!.manager.store.has(row.id)).toBe(false);
      });
      go.open();
      const outcome = await updating.then(
        () => "ok",
        (error: unknown) => (error as Error).name,
      );
      expect(outcome).toBe(when === "before" ? "ok" : "ConflictError");
      await expectConverged([a!, b!]);
      expect(a!.rows()).toEqual([]);
    },
  );
});

describe("a row deleted, then made again at its id (an undo)", () => {
  it("shows again in every tab, and an update of it too", async () => {
    const row = await post("Undone");
    const [a, b] = await tabs(2, { versioned: true });
    await a!.remove(row.id);
    await vi.waitFor(() => {
      expect(b!.manager.store.has(row.id)).toBe(false);
    });
    await a!.create({ id: row.id, title: "Undone" });
    await vi.waitFor(() => {
      expect(b!.manager.store.get(row.id)?.title).toBe("Undone");
    });
    await a!.update(row.id, { completed: true });
    await expectConverged([a!, b!]);
    expect(b!.rows()).toMatchObject([{ id: row.id, title: "Undone", completed: true }]);
  });
});

describe("versioned by updatedAt", () => {
  it("another tab's delete removes the row, and an answer from before it does not bring it back", async () => {
    const gone = await post("Gone");
    const edited = await post("Edited");
    const [a, b] = await tabs(2, { versioned: "updatedAt" });
    const answer = gate();
    const updating = a!.update(edited.id, { title: "Mine" }, { after: answer.opened });
    await vi.waitFor(() => {
      expect(b!.manager.store.get(edited.id)?.title).toBe("Mine");
    });
    await b!.remove(gone.id);
    await b!.remove(edited.id);
    await vi.waitFor(() => {
      expect(a!.manager.store.has(gone.id)).toBe(false);
      expect(a!.manager.store.has(edited.id)).toBe(false);
    });
    answer.open();
    await updating;
    await expectConverged([a!, b!]);
  });
});

describe("a request that fails", () => {
  it("after the server committed it: its echo shows the change, before or after the failure", async () => {
    const row = await post("Before");
    const other = await post("Other");
    const [a, b] = await tabs(2, { versioned: true, serverIds: true });
    a!.holdEvents();
    const lostUpdate = a!.update(row.id, { title: "Committed" }, { fail: "lost" });
    const lostCreate = a!.create({ title: "Created" }, { fail: "lost" });
    const lostDelete = a!.remove(other.id, { fail: "lost" });
    await expect(lostUpdate).rejects.toThrow();
    await expect(lostCreate).rejects.toThrow();
    await expect(lostDelete).rejects.toThrow();
    a!.releaseEvents();
    const answer = gate();
    const seen = a!.eventsSeen();
    const echoFirst = a!.update(
      row.id,
      { completed: true },
      { fail: "lost", after: answer.opened },
    );
    await vi.waitFor(() => {
      expect(a!.eventsSeen()).toBe(seen + 1); // the echo first
    });
    answer.open();
    await expect(echoFirst).rejects.toThrow();
    await expectConverged([a!, b!]);
    expect(a!.rows().map((todo) => [todo.title, todo.completed])).toEqual(
      expect.arrayContaining([
        ["Committed", true],
        ["Created", false],
      ]),
    );
  });

  it("refused by the server: only it rolls back, the others stay", async () => {
    const row = await post("Before");
    const [a, b] = await tabs(2, { versioned: true });
    const refused = gate();
    const failing = a!.update(
      row.id,
      { title: "Refused" },
      { fail: "refused", before: refused.opened },
    );
    const kept = a!.update(row.id, { completed: true });
    await kept;
    refused.open();
    await expect(failing).rejects.toThrow();
    await expectConverged([a!, b!]);
    expect(a!.manager.store.get(row.id)).toMatchObject({ title: "Before", completed: true });
  });
});

describe("randomized: two or three tabs, random changes, delays, failures and cuts", () => {
  type Op =
    | { type: "create"; tab: number; title: string; before: number; after: number; fail: number }
    | {
        type: "update";
        tab: number;
        pick: number;
        title: string | null;
        before: number;
        after: number;
        fail: number;
      }
    | { type: "delete"; tab: number; pick: number; before: number; after: number; fail: number }
    | { type: "hold"; tab: number }
    | { type: "release"; tab: number }
    | { type: "cut"; tab: number }
    | { type: "reconnect"; tab: number }
    | { type: "refetch"; tab: number }
    | { type: "pause"; ms: number };

  const tab = fc.nat(2);
  const delay = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: MAX_DELAY }));
  const fail = fc.nat(9); // 0: refused, 1: lost answer, else fine
  const title = fc.constantFrom("a", "b", "c");
  const op: fc.Arbitrary<Op> = fc.oneof(
    {
      arbitrary: fc.record({
        type: fc.constant("create" as const),
        tab,
        title,
        before: delay,
        after: delay,
        fail,
      }),
      weight: 3,
    },
    {
      arbitrary: fc.record({
        type: fc.constant("update" as const),
        tab,
        pick: fc.nat(10),
        title: fc.option(title),
        before: delay,
        after: delay,
        fail,
      }),
      weight: 5,
    },
    {
      arbitrary: fc.record({
        type: fc.constant("delete" as const),
        tab,
        pick: fc.nat(10),
        before: delay,
        after: delay,
        fail,
      }),
      weight: 2,
    },
    { arbitrary: fc.record({ type: fc.constant("hold" as const), tab }), weight: 1 },
    { arbitrary: fc.record({ type: fc.constant("release" as const), tab }), weight: 1 },
    { arbitrary: fc.record({ type: fc.constant("cut" as const), tab }), weight: 1 },
    { arbitrary: fc.record({ type: fc.constant("reconnect" as const), tab }), weight: 1 },
    { arbitrary: fc.record({ type: fc.constant("refetch" as const), tab }), weight: 1 },
    {
      arbitrary: fc.record({
        type: fc.constant("pause" as const),
        ms: fc.integer({ min: 0, max: 30 }),
      }),
      weight: 3,
    },
  );

  const failure = (n: number) => (n === 0 ? "refused" : n === 1 ? "lost" : undefined);

  async function run(ops: readonly Op[], count: number, options: ClientOptions) {
    await server.database.query("DELETE FROM todos");
    const clients = await tabs(count, options);
    try {
      for (const current of ops) {
        const client = "tab" in current ? clients[current.tab % count]! : undefined;
        const visible = client?.manager.store.list.map((row) => row.id) ?? [];
        const ignore = () => undefined;
        switch (current.type) {
          case "create":
            client!
              .create(
                { title: current.title },
                { before: current.before, after: current.after, fail: failure(current.fail) },
              )
              .catch(ignore);
            break;
          case "update": {
            const id = visible[current.pick % Math.max(visible.length, 1)];
            if (id === undefined) break;
            const data =
              current.title === null
                ? { completed: !client!.manager.store.get(id)!.completed }
                : { title: current.title };
            client!
              .update(id, data, {
                before: current.before,
                after: current.after,
                fail: failure(current.fail),
              })
              .catch(ignore);
            break;
          }
          case "delete": {
            const id = visible[current.pick % Math.max(visible.length, 1)];
            if (id === undefined) break;
            client!
              .remove(id, {
                before: current.before,
                after: current.after,
                fail: failure(current.fail),
              })
              .catch(ignore);
            break;
          }
          case "hold":
            client!.holdEvents();
            break;
          case "release":
            client!.releaseEvents();
            break;
          case "cut":
            client!.disconnect();
            break;
          case "reconnect":
            client!.reconnect();
            break;
          case "refetch":
            client!.manager.actions.refetch().catch(ignore);
            break;
          case "pause":
            await sleep(current.ms);
            break;
        }
        for (const each of clients) {
          const ids = each.manager.store.list.map((row) => row.id);
          expect(new Set(ids).size, `${each.name} lists a row twice`).toBe(ids.length);
        }
      }
      if (options.versioned) {
        await expectConverged(clients);
      } else {
        // Without versions nothing orders an answer against another tab's event: a refetch does.
        await expectConverged(clients, 0).catch(() => undefined);
      }
      await Promise.all(clients.map((client) => client.manager.actions.refetch()));
      await expectConverged(clients);
    } finally {
      for (const client of clients) {
        client.destroy();
        open.splice(open.indexOf(client), 1);
      }
    }
  }

  it.each([
    ["versioned", { versioned: true }],
    ["versioned, server ids", { versioned: true, serverIds: true }],
    ["versioned by updatedAt", { versioned: "updatedAt" }],
    ["without versions", { versioned: false }],
  ] as const)(
    "converges (%s)",
    async (_, options) => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(op, { minLength: 5, maxLength: MAX_OPS }),
          fc.integer({ min: 2, max: 3 }),
          (ops, count) => run(ops, count, options),
        ),
        { numRuns: RUNS, endOnFailure: true },
      );
    },
    120_000,
  );
});
