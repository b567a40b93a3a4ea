/**
 * Svelte stores for AOS stores.
 *
 * @module @aos/svelte
 */
export { entityStore, formStore, listStore, statusStore, toStore } from "./stores";
export type { FormStore } from "./stores";
