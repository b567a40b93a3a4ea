// @ts-check
import { createServer } from "node:http";
import { Server as SocketIoServer } from "socket.io";
import { WebSocketServer } from "ws";

/** @param {import("node:http").Server} server @param {number} port */
function listen(server, port) {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      const address = server.address();
      resolve(typeof address === "object" && address !== null ? address.port : port);
    });
  });
}

/** @param {import("node:http").Server} server */
function closeHttp(server) {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve(undefined));
  });
}

/**
 * A real socket.io server on 127.0.0.1 (an ephemeral port unless given). Envelopes are emitted
 * as the event named by their `type`. With `authorize`, the handshake's `auth` is checked.
 *
 * @param {{ port?: number; authorize?: (auth: Record<string, unknown>) => boolean }} [options]
 */
export async function startSocketIoServer(options = {}) {
  let port = options.port ?? 0;
  /** @type {SocketIoServer} */
  let io;
  /** @type {import("node:http").Server} */
  let http;
  const stats = { handshakes: 0 };

  const start = async () => {
    http = createServer();
    io = new SocketIoServer(http);
    io.use((socket, next) => {
      stats.handshakes++;
      const authorize = options.authorize;
      if (authorize && !authorize(socket.handshake.auth)) next(new Error("unauthorized"));
      else next();
    });
    port = await listen(http, port);
  };
  await start();

  return {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    stats,
    connections: () => io.of("/").sockets.size,
    /** @param {{ type: string }} envelope */
    broadcast: (envelope) => {
      io.emit(envelope.type, envelope);
    },
    /** @param {string} eventName @param {unknown} payload */
    emitRaw: (eventName, payload) => {
      io.emit(eventName, payload);
    },
    /** Stops like a crashed or restarted server: connections drop, clients try to reconnect. */
    close: async () => {
      await new Promise((resolve) => io.close(() => resolve(undefined)));
      await closeHttp(http).catch(() => undefined);
    },
    /** Starts again on the same port after `close()`. */
    restart: start,
  };
}

/**
 * A real WebSocket server (`ws`) on 127.0.0.1. Sends each envelope as one JSON text frame,
 * answers `{"type":"ping"}` with `{"type":"pong"}`, and with `authorize` checks the `token`
 * query parameter, closing with 4401 when it is wrong.
 *
 * @param {{ port?: number; authorize?: (token: string | null) => boolean; answerPings?: boolean }} [options]
 */
export async function startWsServer(options = {}) {
  let port = options.port ?? 0;
  /** @type {WebSocketServer} */
  let wss;
  /** @type {import("node:http").Server} */
  let http;
  const stats = { attempts: 0, pings: 0 };

  const start = async () => {
    http = createServer();
    wss = new WebSocketServer({ server: http });
    wss.on("connection", (socket, request) => {
      stats.attempts++;
      const token = new URL(request.url ?? "/", "http://localhost").searchParams.get("token");
      if (options.authorize && !options.authorize(token)) {
        socket.close(4401, "unauthorized");
        return;
      }
      socket.on("message", (data, isBinary) => {
        if (isBinary) return;
        const text = data.toString();
        if (text === '{"type":"ping"}') {
          stats.pings++;
          if (options.answerPings !== false) socket.send('{"type":"pong"}');
        }
      });
    });
    port = await listen(http, port);
  };
  await start();

  return {
    get url() {
      return `ws://127.0.0.1:${port}`;
    },
    stats,
    connections: () =>
      [...wss.clients].filter((client) => client.readyState === client.OPEN).length,
    /** @param {unknown} envelope */
    broadcast: (envelope) => {
      const frame = JSON.stringify(envelope);
      for (const client of wss.clients) client.send(frame);
    },
    /** @param {string | Buffer} data */
    sendRaw: (data) => {
      for (const client of wss.clients) client.send(data);
    },
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise((resolve) => wss.close(() => resolve(undefined)));
      await closeHttp(http).catch(() => undefined);
    },
    restart: start,
  };
}
