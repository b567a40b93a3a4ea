import type { Row } from "../../src/data";

/** A realtime message as the reference server sends it. */
export interface RowMessage {
  readonly type: "rows";
  readonly event: "UPDATE";
  readonly data: Row;
}

/** The page's stand-in for a socket: each contender listens the way its docs show. */
export interface Socket {
  readonly subscribe: (listener: (message: RowMessage) => void) => () => void;
}

export function createSocket(): Socket & { readonly receive: (message: RowMessage) => void } {
  const listeners = new Set<(message: RowMessage) => void>();
  return {
    subscribe: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    receive: (message) => {
      for (const listener of listeners) listener(message);
    },
  };
}

/** What a contender gets: the list endpoint and the socket. */
export interface Backend {
  readonly fetchRows: () => Promise<Row[]>;
  readonly socket: Socket;
}
