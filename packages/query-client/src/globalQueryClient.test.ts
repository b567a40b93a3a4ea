import { QueryClient } from "@tanstack/query-core";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  getGlobalQueryClient,
  resetGlobalQueryClient,
  setGlobalQueryClient,
} from "./globalQueryClient";

let warn: ReturnType<typeof vi.spyOn>;
let mount: ReturnType<typeof vi.spyOn>;
let unmount: ReturnType<typeof vi.spyOn>;

beforeEach(() => {
  warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
  mount = vi.spyOn(QueryClient.prototype, "mount");
  unmount = vi.spyOn(QueryClient.prototype, "unmount");
});

afterEach(() => {
  resetGlobalQueryClient();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
});

describe("getGlobalQueryClient", () => {
  it("creates one client on first use, mounts it once and returns it every time", () => {
    expect(mount).not.toHaveBeenCalled();

    const client = getGlobalQueryClient();

    expect(getGlobalQueryClient()).toBe(client);
    expect(mount).toHaveBeenCalledTimes(1);
    expect(client.getDefaultOptions().mutations?.retry).toBe(false);
  });

  it("warns once, on a server, that a process-wide client leaks data between requests", () => {
    getGlobalQueryClient();
    getGlobalQueryClient();

    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatch(
      /^\[aos\] .*shared by every request.*createQueryClient\(\)/,
    );
  });

  it("keeps the server warning out of production", () => {
    vi.stubEnv("NODE_ENV", "production");

    getGlobalQueryClient();

    expect(warn).not.toHaveBeenCalled();
  });

  it("does not warn in a browser", () => {
    vi.stubGlobal("window", { addEventListener: vi.fn(), removeEventListener: vi.fn() });

    getGlobalQueryClient();

    expect(warn).not.toHaveBeenCalled();
  });

  it("does not warn in a web worker", () => {
    vi.stubGlobal("WorkerGlobalScope", function WorkerGlobalScope() {});

    getGlobalQueryClient();

    expect(warn).not.toHaveBeenCalled();
  });

  it("is shared by every copy of the package loaded in one process", async () => {
    const client = getGlobalQueryClient();
    vi.resetModules();

    const copy = await import("./globalQueryClient");

    expect(copy.getGlobalQueryClient).not.toBe(getGlobalQueryClient);
    expect(copy.getGlobalQueryClient()).toBe(client);
  });
});

describe("setGlobalQueryClient", () => {
  it("makes the given client the global one without a server warning", () => {
    const client = new QueryClient();

    setGlobalQueryClient(client);

    expect(getGlobalQueryClient()).toBe(client);
    expect(warn).not.toHaveBeenCalled();
    expect(mount).toHaveBeenCalledTimes(1);
  });

  it("unmounts the client it replaces and mounts a client only once", () => {
    const previous = getGlobalQueryClient();
    const next = new QueryClient();

    setGlobalQueryClient(next);
    setGlobalQueryClient(next);

    expect(unmount).toHaveBeenCalledTimes(1);
    expect(unmount.mock.contexts[0]).toBe(previous);
    expect(mount).toHaveBeenCalledTimes(2);
    expect(mount.mock.contexts[1]).toBe(next);
  });

  it.each([undefined, null, {}, "client"])("refuses %j with a TypeError", (value) => {
    expect(() => {
      setGlobalQueryClient(value as never);
    }).toThrow(new TypeError("[aos] setGlobalQueryClient() needs a QueryClient."));
  });
});

describe("resetGlobalQueryClient", () => {
  it("clears and forgets the client AOS created, so the next one is fresh", () => {
    const first = getGlobalQueryClient();
    first.setQueryData(["todos"], [1, 2]);

    resetGlobalQueryClient();
    const second = getGlobalQueryClient();

    expect(second).not.toBe(first);
    expect(first.getQueryData(["todos"])).toBeUndefined();
    expect(unmount.mock.contexts).toEqual([first]);
    expect(warn).toHaveBeenCalledTimes(2);
  });

  it("unmounts but does not clear a client the caller set", () => {
    const client = new QueryClient();
    client.setQueryData(["todos"], [1]);
    setGlobalQueryClient(client);

    resetGlobalQueryClient();

    expect(client.getQueryData(["todos"])).toEqual([1]);
    expect(unmount.mock.contexts).toEqual([client]);
    expect(getGlobalQueryClient()).not.toBe(client);
  });

  it("does nothing when there is no global client", () => {
    expect(() => {
      resetGlobalQueryClient();
    }).not.toThrow();
    expect(unmount).not.toHaveBeenCalled();
  });
});
