/**
 * Reports an error thrown by a user callback (`onError`, a conflict resolver, an optimistic
 * row factory) without letting it reach the store's internals: the store stays consistent
 * and the error is still visible.
 */
export function reportCallbackError(callback: string, error: unknown): void {
  console.error(`[aos] The ${callback} callback threw; the store is unaffected.`, error);
}
