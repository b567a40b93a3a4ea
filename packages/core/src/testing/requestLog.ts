import { deferred, type Deferred } from "./deferred";

/** One request a test server received and has not answered yet. */
export interface PendingRequest<TArgs extends unknown[], TResult> extends Deferred<TResult> {
  readonly args: TArgs;
}

/**
 * A server function whose every call waits until the test answers it: `calls` holds the
 * requests in arrival order.
 */
export function controlledFunction<TArgs extends unknown[], TResult>() {
  const calls: PendingRequest<TArgs, TResult>[] = [];
  const fn = (...args: TArgs): Promise<TResult> => {
    const request = { ...deferred<TResult>(), args };
    calls.push(request);
    return request.promise;
  };
  return { fn, calls };
}
