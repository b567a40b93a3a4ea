/**
 * Svelte stores for AOS stores.
 *
 * @module @aos/svelte
 */
export { entityStore, formStore, listStore, pendingStore, statusStore, toStore } from "./stores";
export type { FormStore } from "./stores";
