import { createSocketIoTransport } from "@aos/realtime-socketio";
import { createGridManager } from "./cells";

/** The shared grid, live over socket.io. */
export const grid = createGridManager();

grid.realtime?.connect(createSocketIoTransport({ url: window.location.origin }));
