import { QueryClient, type QueryClientConfig } from "@tanstack/query-core";

/**
 * Creates a `QueryClient` with the defaults AOS stores are built for; anything in `config`
 * wins, option by option.
 *
 * - Queries retry twice (three tries in all) with TanStack Query's exponential backoff: a
 *   list that fails to load is usually a passing network fault.
 * - Mutations never retry: an optimistic change is already on screen, and replaying a
 *   create on a server that did receive it would create it twice. A failed mutation rolls
 *   back instead, and the user decides whether to try again.
 *
 * On a server, create one client per request and pass it to each store manager, so no
 * cached data is shared between users. The client is not mounted: in the browser, call
 * `queryClient.mount()` (or `setGlobalQueryClient(queryClient)`, which mounts it), or nothing
 * refetches on focus or reconnection and a change made offline waits forever.
 *
 * @example
 * const queryClient = createQueryClient({ defaultOptions: { queries: { staleTime: 30_000 } } });
 * const todos = createOptimisticStoreManager(todoConfig, queryClient);
 */
export function createQueryClient(config: QueryClientConfig = {}): QueryClient {
  const { defaultOptions = {} } = config;
  return new QueryClient({
    ...config,
    defaultOptions: {
      ...defaultOptions,
      queries: { retry: 2, ...defaultOptions.queries },
      mutations: { retry: false, ...defaultOptions.mutations },
    },
  });
}
