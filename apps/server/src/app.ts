import { collections, type CollectionName, login } from "@aos/app-schemas";
import Fastify, { type FastifyError, type FastifyReply, type FastifyRequest } from "fastify";
import type { ZodType } from "zod";
import { ApiError } from "./apiError";
import { bearer, signToken, verifyToken } from "./auth";
import type { ServerConfig } from "./config";
import { openDatabase } from "./database";
import { attachRealtime } from "./realtime";
import { createRepository } from "./repository";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Any id a client may choose (`browserId: "tab:1"`), as one header token: visible ASCII.
const ECHO_ID = /^[\x21-\x7e]{1,100}$/;

const FASTIFY_CODES: Record<string, [number, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, "PAYLOAD_TOO_LARGE"],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, "UNSUPPORTED_MEDIA_TYPE"],
};

function validate<T>(schema: ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const fields: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join(".");
    (fields[key] ??= []).push(issue.message);
  }
  throw new ApiError(422, "VALIDATION", "The request body is invalid.", fields);
}

function echoHeader(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === "string" && ECHO_ID.test(value) ? value : undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts the reference server: REST CRUD for `todos`, `posts` (per user) and `checkboxes`,
 * realtime over socket.io and `/ws`, a demo login, fault injection. Resolves once it listens.
 *
 * @example
 * const server = await startServer({ ...readConfig(), port: 0, dataDir: "memory" });
 * console.log(server.url);
 * await server.close();
 */
export async function startServer(config: ServerConfig) {
  const database = await openDatabase(config);
  const repository = createRepository(database);
  const app = Fastify({
    bodyLimit: config.bodyLimit,
    logger: false,
    // Errors raised before routing (a malformed URL) answer in the API's shape too.
    frameworkErrors: (error, _request, reply: FastifyReply) => {
      void reply.status(error.statusCode ?? 400).send({
        error: {
          code: "BAD_REQUEST",
          message: error.code === "FST_ERR_BAD_URL" ? "The URL is malformed." : error.message,
        },
      });
    },
  });
  const realtime = attachRealtime(app.server, config.secret);
  let closing = false;
  // A keep-alive connection would otherwise stay open after the answer it was waiting for,
  // and the close with it, until the client or the keep-alive timeout (72 s) ends it.
  app.addHook("onSend", async (_request, reply) => {
    if (closing) void reply.header("connection", "close");
  });

  // JSON.parse keeps a "__proto__" key as plain data, so the strict schemas name it as an
  // unknown field (422) instead of a generic parse error.
  app.removeContentTypeParser("application/json");
  // JSON sent as text/plain (fetch's default for a string body) is refused as any other
  // non-JSON type (415), not read as a string that fails validation.
  app.removeContentTypeParser("text/plain");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
    if (body === "") {
      // Many clients send the header on every request; a DELETE has nothing to parse.
      if (request.method === "DELETE") done(null, undefined);
      else done(new ApiError(400, "MALFORMED_JSON", "The body is empty."), undefined);
      return;
    }
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(new ApiError(400, "MALFORMED_JSON", "The body is not valid JSON."), undefined);
    }
  });

  const userOf = (request: FastifyRequest, required: boolean): string | undefined => {
    const header = request.headers.authorization;
    if (header === undefined) {
      if (required)
        throw new ApiError(401, "UNAUTHORIZED", "Sign in first: this collection is private.");
      return undefined;
    }
    const user = verifyToken(bearer(header), config.secret);
    if (user === undefined)
      throw new ApiError(401, "UNAUTHORIZED", "The token is invalid or expired.");
    return user;
  };

  const collectionOf = (request: FastifyRequest): CollectionName => {
    const name = (request.params as { collection?: string }).collection ?? "";
    if (!Object.hasOwn(collections, name))
      throw new ApiError(404, "NOT_FOUND", `No collection "${name}".`);
    return name as CollectionName;
  };

  const idOf = (request: FastifyRequest): string => {
    const id = (request.params as { id?: string }).id ?? "";
    if (!UUID.test(id)) throw new ApiError(404, "NOT_FOUND", `No row "${id.slice(0, 64)}".`);
    // PostgreSQL stores a uuid in lower case: answer and broadcast the id as rows carry it.
    return id.toLowerCase();
  };

  /** The collection, and the user it is scoped to (private collections need one). */
  const scope = (request: FastifyRequest) => {
    const collection = collectionOf(request);
    const isPrivate = collections[collection].private;
    const user = userOf(request, isPrivate);
    return { collection, owner: isPrivate ? user : undefined };
  };

  const echo = (request: FastifyRequest) => ({
    browserId: echoHeader(request, "x-browser-id"),
    mutationId: echoHeader(request, "x-mutation-id"),
  });

  app.addHook("preHandler", async (request) => {
    // The matched route, not the raw URL, which may be percent-encoded or carry a query.
    const route = request.routeOptions.url;
    if (route === undefined || !route.startsWith("/api/") || route === "/api/login") return;
    if (config.latencyMs > 0) await sleep(config.latencyMs);
    const forced = request.headers["x-fail"] !== undefined;
    const isMutation = request.method !== "GET";
    if (forced || (isMutation && Math.random() < config.failureRate)) {
      throw new ApiError(
        500,
        "INJECTED_FAILURE",
        forced ? "Failed on request (X-Fail)." : "Failed by the configured failure rate.",
      );
    }
  });

  app.setErrorHandler((error: FastifyError | ApiError, request, reply: FastifyReply) => {
    if (error instanceof ApiError) {
      return reply.status(error.status).send({
        error: {
          code: error.code,
          message: error.message,
          ...(error.fields ? { fields: error.fields } : {}),
        },
      });
    }
    const known = FASTIFY_CODES[error.code];
    if (known !== undefined) {
      return reply.status(known[0]).send({ error: { code: known[1], message: error.message } });
    }
    if (typeof error.statusCode === "number" && error.statusCode >= 400 && error.statusCode < 500) {
      return reply
        .status(error.statusCode)
        .send({ error: { code: "BAD_REQUEST", message: error.message } });
    }
    request.log.error(error);
    console.error("[aos-server]", error);
    return reply
      .status(500)
      .send({ error: { code: "INTERNAL", message: "Something went wrong." } });
  });

  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({
      error: {
        code: "NOT_FOUND",
        message: `No route ${request.method} ${request.url.split("?")[0] ?? ""}.`,
      },
    }),
  );

  app.get("/health", (_request, reply) => reply.send({ ok: true, database: database.kind }));

  app.post("/api/login", (request, reply) => {
    const { username } = validate(login, request.body);
    return reply.send({ token: signToken(username, config.secret), user: { username } });
  });

  app.get("/api/:collection", async (request) => {
    const { collection, owner } = scope(request);
    return repository.list(collection, owner);
  });

  app.post("/api/:collection", async (request, reply) => {
    const { collection, owner } = scope(request);
    const data = validate(
      collections[collection].create as ZodType<Record<string, unknown>>,
      request.body,
    );
    const row = await repository.insert(collection, data, owner);
    realtime.publish(
      { type: collection, event: "INSERT", data: row, ...echo(request), version: row.version },
      owner,
    );
    return reply.status(201).send(row);
  });

  app.patch("/api/:collection/:id", async (request) => {
    const { collection, owner } = scope(request);
    const id = idOf(request);
    const data = validate(
      collections[collection].update as ZodType<Record<string, unknown>>,
      request.body,
    );
    const row = await repository.update(collection, id, data, owner);
    realtime.publish(
      { type: collection, event: "UPDATE", data: row, ...echo(request), version: row.version },
      owner,
    );
    return row;
  });

  app.delete("/api/:collection/:id", async (request) => {
    const { collection, owner } = scope(request);
    const { id, version } = await repository.remove(collection, idOf(request), owner);
    realtime.publish({ type: collection, event: "DELETE", id, ...echo(request), version }, owner);
    return { id };
  });

  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === "object" && address !== null ? address.port : config.port;

  return {
    url: `http://${config.host}:${port}`,
    port,
    database,
    repository,
    connections: realtime.connections,
    close: async () => {
      closing = true;
      await realtime.close();
      await app.close().catch(() => undefined);
      await database.close();
    },
  };
}

export type RunningServer = Awaited<ReturnType<typeof startServer>>;
