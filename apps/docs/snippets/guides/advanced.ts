import {
  createCountObserver,
  createOptimisticStoreManager,
  OptimisticStore,
  type OptimisticStoreOptions,
  type RealtimeTransport,
} from "@aos/core";
import { createRealtime } from "@aos/core/realtime";
import { computed, makeObservable } from "mobx";
import type { Todo } from "../getting-started/todos";

declare function fetchTodos(): Promise<Todo[]>;

// #region store-class
/** The store with derived values: MobX computeds, recomputed only when what they read changes. */
class TodoStore extends OptimisticStore<Todo> {
  constructor(options: OptimisticStoreOptions<Todo>) {
    super(options);
    makeObservable(this, { remaining: computed, progress: computed });
  }
  get remaining(): number {
    return this.list.filter((todo) => !todo.completed).length;
  }
  get progress(): number {
    return this.count === 0 ? 1 : 1 - this.remaining / this.count;
  }
}

export const todos = createOptimisticStoreManager({
  name: "todos",
  queryFn: () => fetchTodos(),
  mutations: {},
  storeClass: TodoStore,
  realtime: createRealtime(),
});
console.info(`${todos.store.remaining} left`); // typed: the manager's store is a TodoStore
// #endregion store-class

// #region count
/** The rows left to do, kept incrementally: a change re-tests only the row it changed. */
export const remaining = createCountObserver(todos, (todo) => !todo.completed);
// React and Vue: useObserver(remaining); Svelte: toStore(remaining).
remaining.subscribe(() => {
  document.title = `${remaining.getSnapshot()} left`;
});
// #endregion count

// #region transport
/** Server-Sent Events as a realtime transport: one event stream, events named by store. */
export function serverSentEvents(url: string): RealtimeTransport {
  const source = new EventSource(url);
  return {
    get isConnected() {
      return source.readyState === EventSource.OPEN;
    },
    subscribe: (eventType, listener) => {
      // The store validates the payload: a malformed one is dropped, never thrown.
      const onMessage = (event: MessageEvent<string>) => {
        try {
          listener(JSON.parse(event.data));
        } catch {
          listener(event.data);
        }
      };
      source.addEventListener(eventType, onMessage);
      return () => {
        source.removeEventListener(eventType, onMessage);
      };
    },
    onStatus: (listener) => {
      let opened = false;
      const onOpen = () => {
        listener(opened ? "reconnected" : "connected"); // "reconnected" makes the store resync
        opened = true;
      };
      const onError = () => {
        listener("disconnected");
      };
      source.addEventListener("open", onOpen);
      source.addEventListener("error", onError);
      return () => {
        source.removeEventListener("open", onOpen);
        source.removeEventListener("error", onError);
      };
    },
  };
}

todos.realtime?.connect(serverSentEvents("https://api.example.com/events"));
// #endregion transport
