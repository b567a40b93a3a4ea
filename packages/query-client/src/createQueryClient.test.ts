import { MutationCache, MutationObserver, QueryCache, QueryObserver } from "@tanstack/query-core";
import { describe, expect, it, vi } from "vitest";
import { createQueryClient } from "./createQueryClient";

describe("createQueryClient", () => {
  it("retries a failing query twice", async () => {
    const client = createQueryClient({ defaultOptions: { queries: { retryDelay: 0 } } });
    const queryFn = vi.fn(() => Promise.reject(new Error("offline")));

    await expect(client.query({ queryKey: ["todos"], queryFn })).rejects.toThrow("offline");

    expect(queryFn).toHaveBeenCalledTimes(3);
  });

  it("never retries a failing mutation", async () => {
    const client = createQueryClient();
    const mutationFn = vi.fn(() => Promise.reject(new Error("409 conflict")));
    const observer = new MutationObserver(client, { mutationFn });

    await expect(observer.mutate()).rejects.toThrow("409 conflict");

    expect(mutationFn).toHaveBeenCalledTimes(1);
  });

  it("lets the caller's options win, option by option", async () => {
    const client = createQueryClient({
      defaultOptions: {
        queries: { retry: 0, staleTime: 5_000 },
        mutations: { retry: 1, retryDelay: 0 },
      },
    });
    const queryFn = vi.fn(() => Promise.reject(new Error("down")));
    const mutationFn = vi.fn(() => Promise.reject(new Error("down")));

    await expect(client.query({ queryKey: ["a"], queryFn })).rejects.toThrow("down");
    await expect(new MutationObserver(client, { mutationFn }).mutate()).rejects.toThrow("down");

    expect(queryFn).toHaveBeenCalledTimes(1);
    expect(mutationFn).toHaveBeenCalledTimes(2);
    expect(client.getDefaultOptions().queries?.staleTime).toBe(5_000);
  });

  it("keeps the defaults for the kind of option the caller did not set", async () => {
    const client = createQueryClient({ defaultOptions: { queries: { staleTime: 1 } } });
    const mutationFn = vi.fn(() => Promise.reject(new Error("down")));

    await expect(new MutationObserver(client, { mutationFn }).mutate()).rejects.toThrow("down");

    expect(mutationFn).toHaveBeenCalledTimes(1);
    expect(client.getDefaultOptions().queries).toEqual({ retry: 2, staleTime: 1 });
  });

  it("uses the caches it is given", () => {
    const queryCache = new QueryCache();
    const mutationCache = new MutationCache();
    const client = createQueryClient({ queryCache, mutationCache });

    expect(client.getQueryCache()).toBe(queryCache);
    expect(client.getMutationCache()).toBe(mutationCache);
  });

  it("gives every client its own cache", async () => {
    const first = createQueryClient();
    const second = createQueryClient();
    const observer = new QueryObserver(first, { queryKey: ["x"], queryFn: () => 1 });

    await observer.refetch();

    expect(first.getQueryData(["x"])).toBe(1);
    expect(second.getQueryData(["x"])).toBeUndefined();
  });
});
