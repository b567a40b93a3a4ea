export interface TestRow {
  id: string;
  title: string;
  done: boolean;
  version: number;
}

export interface MutationContextLike {
  browserId?: string;
  mutationId?: string;
}

/** Events a store must drop and report: at least 25, each named. */
export declare const malformedEvents: readonly { name: string; payload: unknown }[];

export interface SocketIoTestServer {
  readonly url: string;
  readonly stats: { handshakes: number };
  connections(): number;
  broadcast(envelope: { type: string } & Record<string, unknown>): void;
  emitRaw(eventName: string, payload: unknown): void;
  close(): Promise<void>;
  restart(): Promise<void>;
}

/** A real socket.io server on 127.0.0.1. */
export declare function startSocketIoServer(options?: {
  port?: number;
  authorize?: (auth: Record<string, unknown>) => boolean;
}): Promise<SocketIoTestServer>;

export interface WsTestServer {
  readonly url: string;
  readonly stats: { attempts: number; pings: number };
  connections(): number;
  broadcast(envelope: unknown): void;
  sendRaw(data: string | Buffer): void;
  close(): Promise<void>;
  restart(): Promise<void>;
}

/** A real `ws` WebSocket server on 127.0.0.1. */
export declare function startWsServer(options?: {
  port?: number;
  authorize?: (token: string | null) => boolean;
  answerPings?: boolean;
}): Promise<WsTestServer>;

/** An in-process versioned CRUD backend that broadcasts every change as an AOS envelope. */
export declare function createTodoBackend(
  broadcast: (envelope: { type: string } & Record<string, unknown>) => void,
  type?: string,
): {
  table: Map<string, TestRow>;
  rows: () => TestRow[];
  list: () => Promise<TestRow[]>;
  create: (data: Partial<TestRow>, context?: MutationContextLike) => Promise<TestRow>;
  update: (
    variables: { id: string; data: Partial<TestRow> },
    context?: MutationContextLike,
  ) => Promise<TestRow>;
  remove: (id: string, context?: MutationContextLike) => Promise<{ id: string }>;
};
