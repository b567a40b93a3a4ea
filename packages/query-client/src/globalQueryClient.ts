import type { QueryClient } from "@tanstack/query-core";
import { createQueryClient } from "./createQueryClient";

interface GlobalSlot {
  client?: QueryClient | undefined;
  /** The client was created here, so resetting may clear its cache. */
  created?: boolean;
  warnedOnServer?: boolean;
}

// On globalThis under a registered symbol, so the ESM and CommonJS builds, or two copies of
// this package in one bundle, still share one client.
const SLOT: unique symbol = Symbol.for("@aos/query-client/global");

function globalSlot(): GlobalSlot {
  const scope = globalThis as { [SLOT]?: GlobalSlot | undefined };
  return (scope[SLOT] ??= {});
}

function isServer(): boolean {
  return typeof window === "undefined" && !("WorkerGlobalScope" in globalThis);
}

/**
 * The QueryClient every store manager uses unless it is given one: created with
 * {@link createQueryClient} on first use and mounted once (focus and online tracking).
 *
 * On a server a process-wide client would share cached data between requests, so this
 * warns once there; create a client per request instead.
 *
 * @example
 * const queryClient = getGlobalQueryClient();
 * queryClient.invalidateQueries({ queryKey: ["todos"] });
 */
export function getGlobalQueryClient(): QueryClient {
  const slot = globalSlot();
  if (slot.client !== undefined) return slot.client;
  // Development only: bundlers replace process.env.NODE_ENV and drop this from production
  // builds. Unbundled, a browser has no `process`.
  try {
    if (process.env.NODE_ENV !== "production" && isServer() && slot.warnedOnServer !== true) {
      slot.warnedOnServer = true;
      console.warn(
        "[aos] getGlobalQueryClient() created a process-wide QueryClient on a server: its " +
          "cache is shared by every request, so one user's data can reach another. Create a " +
          "client per request with createQueryClient() and pass it to each store manager, or " +
          "call setGlobalQueryClient() to share one on purpose.",
      );
    }
  } catch {
    // No `process`, so no warning.
  }
  const client = createQueryClient();
  client.mount();
  slot.client = client;
  slot.created = true;
  return client;
}

/**
 * Makes `client` the global QueryClient, e.g. the one your React Query provider already
 * uses, so AOS stores and your own queries share one cache. The previous global client is
 * unmounted; `client` is mounted once.
 *
 * @example
 * const queryClient = new QueryClient();
 * setGlobalQueryClient(queryClient);
 */
export function setGlobalQueryClient(client: QueryClient): void {
  if (typeof (client as Partial<QueryClient> | null)?.mount !== "function") {
    throw new TypeError("[aos] setGlobalQueryClient() needs a QueryClient.");
  }
  const slot = globalSlot();
  if (slot.client === client) return;
  slot.client?.unmount();
  client.mount();
  slot.client = client;
  slot.created = false;
}

/**
 * Forgets the global QueryClient, for tests: the next {@link getGlobalQueryClient} creates a
 * fresh one. A client created by AOS is unmounted and its cache cleared; a client you set
 * yourself is only unmounted.
 *
 * @example
 * afterEach(() => resetGlobalQueryClient());
 */
export function resetGlobalQueryClient(): void {
  const slot = globalSlot();
  slot.client?.unmount();
  if (slot.created === true) slot.client?.clear();
  slot.client = undefined;
  slot.created = false;
  slot.warnedOnServer = false;
}
