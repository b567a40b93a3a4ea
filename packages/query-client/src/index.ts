/**
 * The TanStack Query client AOS stores share: AOS defaults, a lazy global client, and
 * per-request clients for servers.
 *
 * @module @aos/query-client
 */
export { createQueryClient } from "./createQueryClient";
export {
  getGlobalQueryClient,
  resetGlobalQueryClient,
  setGlobalQueryClient,
} from "./globalQueryClient";
