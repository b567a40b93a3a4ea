import { type MutationContext, MutationError } from "@aos/core";
import { observable, runInAction } from "mobx";

/** The API's error shape, thrown by {@link request}. */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** When set, the next mutation carries `X-Fail`, and the server fails it: rollback on demand. */
export const failNext = observable.box(false);

/**
 * The last failed change of each store, by name, shown on its page until dismissed.
 * (`status.error` clears with the next success, which in a busy list can be a few
 * milliseconds later.)
 */
const failures = observable.map<string, Error>({}, { deep: false });

/** The last failed change of the store `name`, or `null`; observable. */
export function lastFailure(name: string): Error | null {
  return failures.get(name) ?? null;
}

/** Remembers a store's failed changes for its page: `onError: rememberFailure("todos")`. */
export function rememberFailure(name: string): (error: Error) => void {
  return (error) => {
    runInAction(() => {
      failures.set(name, error);
    });
  };
}

/**
 * A store's status error, when it is a failed load. A failed change stays `status.error` until
 * the next success; its page shows it as {@link lastFailure}, which "dismiss" hides.
 */
export function failedLoad(error: Error | null): Error | null {
  return error instanceof MutationError ? null : error;
}

/** Hides the store `name`'s last failed change: the demos' "dismiss" button. */
export function dismissFailure(name: string): void {
  runInAction(() => {
    failures.delete(name);
  });
}

/** Turns the "fail the next request" switch on or off. */
export function setFailNext(on: boolean): void {
  runInAction(() => {
    failNext.set(on);
  });
}

/** The signed-in user's token, for `posts`. */
export const session = observable.box<{ token: string; username: string } | null>(null);

export async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  context?: MutationContext,
): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers["content-type"] = "application/json";
  if (context !== undefined) {
    headers["x-browser-id"] = context.browserId;
    headers["x-mutation-id"] = context.mutationId;
    if (failNext.get()) {
      headers["x-fail"] = "1";
      runInAction(() => {
        failNext.set(false);
      });
    }
  }
  const token = session.get()?.token;
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? null : JSON.stringify(body),
  });
  // A proxy with the server down answers without a JSON body: name the answer, not the parse.
  const payload: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = (payload as { error?: { code: string; message: string } } | undefined)?.error;
    throw new ApiRequestError(
      response.status,
      error?.code ?? "NO_ANSWER",
      error?.message ?? `The server answered ${response.status} ${response.statusText}.`,
    );
  }
  return payload as T;
}
