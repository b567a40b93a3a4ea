import { randomBytes } from "node:crypto";

/** Everything the server reads from its environment, with defaults that need no setup. */
export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  /** A PostgreSQL connection string; without it the embedded database is used. */
  readonly databaseUrl: string | undefined;
  /** Where the embedded database keeps its files; `"memory"` keeps nothing. */
  readonly dataDir: string;
  /** Signs login tokens; random per start unless set, so old tokens die with a restart. */
  readonly secret: string;
  /** Milliseconds added to every API request, to make optimism visible. */
  readonly latencyMs: number;
  /** Share (0 to 1) of mutations that fail on purpose. */
  readonly failureRate: number;
  /** Largest request body, in bytes. */
  readonly bodyLimit: number;
}

function number(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === "") return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0)
    throw new Error(`${name} must be a non-negative number, not "${value}".`);
  return parsed;
}

/** Reads the configuration from environment variables (see the README for the list). */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const failureRate = number(env.AOS_FAILURE_RATE, 0, "AOS_FAILURE_RATE");
  if (failureRate > 1) throw new Error("AOS_FAILURE_RATE must be between 0 and 1.");
  return {
    port: number(env.PORT, 3001, "PORT"),
    host: env.HOST ?? "127.0.0.1",
    databaseUrl: env.DATABASE_URL === "" ? undefined : env.DATABASE_URL,
    dataDir: env.AOS_DATA_DIR ?? "data/pglite",
    secret: env.AOS_SECRET ?? randomBytes(32).toString("hex"),
    latencyMs: number(env.AOS_LATENCY_MS, 0, "AOS_LATENCY_MS"),
    failureRate,
    bodyLimit: number(env.AOS_BODY_LIMIT, 64 * 1024, "AOS_BODY_LIMIT"),
  };
}
