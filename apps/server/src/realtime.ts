import type { Server as HttpServer, IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { ChangeEnvelope } from "@aos/app-schemas";
import { Server as SocketIoServer } from "socket.io";
import { type WebSocket, WebSocketServer } from "ws";
import { readToken } from "./auth";

const userRoom = (user: string) => `user:${user}`;

/** Calls `end` when a connection's token expires: past it, it must receive no private row. */
function atExpiry(expiresAt: number, end: () => void) {
  const timer = setTimeout(end, expiresAt - Date.now());
  // A connection that never completes (gone during the handshake) holds no process open.
  timer.unref();
  return () => {
    clearTimeout(timer);
  };
}

/** Answers an upgrade nobody serves, so it does not hold its connection open forever. */
function refuseUpgrade(socket: Duplex) {
  socket.on("error", () => undefined);
  socket.once("finish", () => socket.destroy());
  socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
}

/**
 * Realtime over socket.io (same HTTP server, default path) and a plain WebSocket endpoint
 * (`/ws`). Either checks its token when one is given (socket.io `auth.token`, WebSocket
 * `?token=`): a bad one is refused (socket.io connect error, WebSocket close 4401). Public
 * changes reach everyone; private ones only the owner's connections.
 */
export function attachRealtime(http: HttpServer, secret: string) {
  const io = new SocketIoServer(http, {
    // Leave upgrades for other paths to onUpgrade below (/ws, or a 404).
    destroyUpgrade: false,
    serveClient: false,
  });
  io.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown }).token;
    if (token === undefined) {
      next();
      return;
    }
    const claims = readToken(token, secret);
    if (claims === undefined) {
      next(new Error("unauthorized"));
      return;
    }
    socket.data = { user: claims.user };
    void socket.join(userRoom(claims.user));
    // Closing the transport, not the socket, lets the client reconnect with its current token.
    socket.once(
      "disconnect",
      atExpiry(claims.expiresAt, () => {
        socket.conn.close();
      }),
    );
    next();
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const users = new WeakMap<WebSocket, string | undefined>();
  // engine.io answers upgrades whose raw URL starts with this (its own check, kept identical).
  const socketIoPrefix = `${io.path()}/`;
  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (request.url?.startsWith(socketIoPrefix) === true) return;
    const url = new URL(request.url ?? "/", "http://localhost");
    if (url.pathname !== "/ws") {
      refuseUpgrade(socket);
      return;
    }
    wss.handleUpgrade(request, socket, head, (client) => {
      // ws closes the connection itself (an oversized frame, bad UTF-8); unheard, the error
      // would crash the process.
      client.on("error", () => {
        client.terminate();
      });
      const token = url.searchParams.get("token");
      const claims = token === null ? undefined : readToken(token, secret);
      if (token !== null && claims === undefined) {
        client.close(4401, "unauthorized");
        return;
      }
      users.set(client, claims?.user);
      // Not a stop code (4401): the client reconnects, with a fresh token if it has one.
      if (claims !== undefined) {
        client.once(
          "close",
          atExpiry(claims.expiresAt, () => {
            client.close(4001, "token expired");
          }),
        );
      }
      client.on("message", (data, isBinary) => {
        if (!isBinary && Buffer.isBuffer(data) && data.toString() === '{"type":"ping"}') {
          client.send('{"type":"pong"}');
        }
      });
      wss.emit("connection", client, request);
    });
  };
  http.on("upgrade", onUpgrade);

  return {
    /** Sends a committed change to everyone, or only to `owner`'s connections. */
    publish: (envelope: ChangeEnvelope, owner: string | undefined) => {
      if (owner === undefined) io.emit(envelope.type, envelope);
      else io.to(userRoom(owner)).emit(envelope.type, envelope);
      const frame = JSON.stringify(envelope);
      for (const client of wss.clients) {
        if (client.readyState !== client.OPEN) continue;
        if (owner === undefined || users.get(client) === owner) client.send(frame);
      }
    },
    connections: () => ({ socketio: io.of("/").sockets.size, ws: wss.clients.size }),
    close: async () => {
      http.off("upgrade", onUpgrade);
      for (const client of wss.clients) client.terminate();
      await new Promise((resolve) => {
        wss.close(() => {
          resolve(undefined);
        });
      });
      await io.close();
    },
  };
}
