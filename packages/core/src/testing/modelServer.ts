import type { MutationContext } from "../manager/types";
import { deferred, type Deferred } from "./deferred";

export interface ModelRow {
  id: string;
  title: string;
  done: boolean;
  version: number;
}

export type ModelRequest =
  | { readonly kind: "list"; readonly answer: Deferred<ModelRow[]> }
  | {
      readonly kind: "create";
      readonly data: Partial<ModelRow>;
      readonly context: MutationContext;
      readonly answer: Deferred<ModelRow>;
    }
  | {
      readonly kind: "update";
      readonly id: string;
      readonly data: Partial<ModelRow>;
      readonly context: MutationContext;
      readonly answer: Deferred<ModelRow>;
    }
  | {
      readonly kind: "delete";
      readonly id: string;
      readonly context: MutationContext;
      readonly answer: Deferred<{ id: string }>;
    };

export interface ModelEvent {
  readonly event: "INSERT" | "UPDATE" | "DELETE";
  readonly id: string;
  readonly data?: ModelRow;
  readonly browserId?: string | undefined;
  readonly mutationId?: string | undefined;
  readonly version: number;
}

interface Answer {
  readonly kind: ModelRequest["kind"];
  readonly deliver: () => void;
}

/**
 * An in-memory CRUD server whose every step is decided by the test: requests wait until
 * processed (committed or refused, in any order), answers wait until delivered (in any
 * order), and committed changes queue realtime events, delivered in commit order.
 */
export class ModelServer {
  readonly table = new Map<string, ModelRow>();
  readonly requests: ModelRequest[] = [];
  readonly answers: Answer[] = [];
  readonly events: ModelEvent[] = [];
  /** Outcome of every mutation request the server processed, by mutation id. */
  readonly outcomes = new Map<string, "ok" | "failed">();
  #nextId = 1;

  readonly list = (): Promise<ModelRow[]> => {
    const answer = deferred<ModelRow[]>();
    this.requests.push({ kind: "list", answer });
    return answer.promise;
  };

  readonly create = (data: Partial<ModelRow>, context: MutationContext): Promise<ModelRow> => {
    const answer = deferred<ModelRow>();
    this.requests.push({ kind: "create", data, context, answer });
    return answer.promise;
  };

  readonly update = (
    variables: { id: string; data: Partial<ModelRow> },
    context: MutationContext,
  ): Promise<ModelRow> => {
    const answer = deferred<ModelRow>();
    this.requests.push({ kind: "update", ...variables, context, answer });
    return answer.promise;
  };

  readonly remove = (id: string, context: MutationContext): Promise<{ id: string }> => {
    const answer = deferred<{ id: string }>();
    this.requests.push({ kind: "delete", id, context, answer });
    return answer.promise;
  };

  /**
   * Processes one received request: commits it (or refuses it) now, answers later. With
   * `loseAnswer`, a mutation is committed (and its event sent) but its answer is an error, as
   * when a gateway times out after the database committed.
   */
  process(index: number, refuse: boolean, loseAnswer = false): void {
    const request = this.requests[index];
    const answered = this.answers.length;
    this.#process(index, refuse);
    if (!loseAnswer || request === undefined || request.kind === "list") return;
    if (this.answers.length === answered) return;
    this.outcomes.set(request.context.mutationId, "failed");
    this.answers[answered] = {
      kind: request.kind,
      deliver: () => {
        request.answer.reject(new Error("502 answer lost"));
      },
    };
  }

  #process(index: number, refuse: boolean): void {
    const [request] = this.requests.splice(index, 1);
    if (request === undefined) return;
    if (request.kind === "list") {
      const snapshot = [...this.table.values()].map((row) => ({ ...row }));
      this.answers.push({
        kind: "list",
        deliver: () => {
          request.answer.resolve(snapshot);
        },
      });
      return;
    }
    const { mutationId, browserId } = request.context;
    const fail = (reason: string) => {
      this.outcomes.set(mutationId, "failed");
      this.answers.push({
        kind: request.kind,
        deliver: () => {
          request.answer.reject(new Error(reason));
        },
      });
    };
    if (refuse) {
      fail("500 injected");
      return;
    }
    if (request.kind === "create") {
      const id =
        request.data.id === undefined || request.data.id.startsWith("tmp")
          ? `s${this.#nextId++}`
          : request.data.id;
      if (this.table.has(id)) {
        fail("409 exists");
        return;
      }
      const row: ModelRow = {
        id,
        title: request.data.title ?? "",
        done: request.data.done ?? false,
        version: 1,
      };
      this.table.set(id, row);
      this.#commit("INSERT", row, browserId, mutationId);
      this.answers.push({
        kind: request.kind,
        deliver: () => {
          request.answer.resolve({ ...row });
        },
      });
    } else if (request.kind === "update") {
      const current = this.table.get(request.id);
      if (current === undefined) {
        fail("404");
        return;
      }
      const row: ModelRow = {
        ...current,
        ...request.data,
        id: current.id,
        version: current.version + 1,
      };
      this.table.set(row.id, row);
      this.#commit("UPDATE", row, browserId, mutationId);
      this.answers.push({
        kind: request.kind,
        deliver: () => {
          request.answer.resolve({ ...row });
        },
      });
    } else {
      const current = this.table.get(request.id);
      if (current === undefined) {
        fail("404");
        return;
      }
      this.table.delete(request.id);
      this.events.push({
        event: "DELETE",
        id: request.id,
        browserId,
        mutationId,
        version: current.version + 1,
      });
      this.outcomes.set(mutationId, "ok");
      this.answers.push({
        kind: "delete",
        deliver: () => {
          request.answer.resolve({ id: request.id });
        },
      });
    }
  }

  /** Another user changes (or creates) a row directly. */
  remoteUpsert(id: string, title: string): void {
    const current = this.table.get(id);
    const row: ModelRow = current
      ? { ...current, title, version: current.version + 1 }
      : { id, title, done: false, version: 1 };
    this.table.set(id, row);
    this.events.push({
      event: current ? "UPDATE" : "INSERT",
      id,
      data: { ...row },
      browserId: "another-browser",
      version: row.version,
    });
  }

  /** Another user deletes a row directly. */
  remoteDelete(id: string): void {
    const current = this.table.get(id);
    if (current === undefined) return;
    this.table.delete(id);
    this.events.push({
      event: "DELETE",
      id,
      browserId: "another-browser",
      version: current.version + 1,
    });
  }

  /** Delivers one answer; returns what kind of request it answered. */
  deliverAnswer(index: number): ModelRequest["kind"] | undefined {
    const [answer] = this.answers.splice(index, 1);
    answer?.deliver();
    return answer?.kind;
  }

  #commit(event: "INSERT" | "UPDATE", row: ModelRow, browserId: string, mutationId: string) {
    this.outcomes.set(mutationId, "ok");
    this.events.push({
      event,
      id: row.id,
      data: { ...row },
      browserId,
      mutationId,
      version: row.version,
    });
  }
}
