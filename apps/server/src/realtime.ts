import type { Server as HttpServer, IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { ChangeEnvelope } from "@aos/app-schemas";
import { Server as SocketIoServer } from "socket.io";
import { type WebSocket, WebSocketServer } from "ws";
import { verifyToken } from "./auth";

const userRoom = (user: string) => `user:${user}`;

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
    const user = verifyToken(token, secret);
    if (user === undefined) {
      next(new Error("unauthorized"));
      return;
    }
    socket.data = { user };
    void socket.join(userRoom(user));
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
      const user = token === null ? undefined : verifyToken(token, secret);
      if (token !== null && user === undefined) {
        client.close(4401, "unauthorized");
        return;
      }
      users.set(client, user);
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
