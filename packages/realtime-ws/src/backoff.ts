/**
 * How reconnection attempts are spaced: exponential growth from `initialDelay` by `factor`,
 * capped at `maxDelay`, each delay shortened by a random share up to `jitter` so that many
 * clients dropped at once do not come back at once.
 *
 * @example
 * const reconnect: BackoffOptions = { initialDelay: 250, maxDelay: 10_000, factor: 2, jitter: 0.5 };
 */
export interface BackoffOptions {
  /** Milliseconds before the first retry. Default 500. */
  readonly initialDelay?: number | undefined;
  /** The cap, in milliseconds. Default 30,000. */
  readonly maxDelay?: number | undefined;
  /** Growth per attempt. Default 2. */
  readonly factor?: number | undefined;
  /** Up to this share of each delay is taken off at random (0 to 1). Default 0.5. */
  readonly jitter?: number | undefined;
}

/** The delay before reconnection attempt `attempt` (0 for the first retry). */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = {},
  random: () => number = Math.random,
): number {
  const { initialDelay = 500, maxDelay = 30_000, factor = 2, jitter = 0.5 } = options;
  const base = Math.min(maxDelay, initialDelay * factor ** attempt);
  return Math.round(base * (1 - Math.min(Math.max(jitter, 0), 1) * random()));
}
