import {
  createCountObserver,
  createOptimisticStoreManager,
  OptimisticStore,
  type OptimisticStoreOptions,
} from "@aos/core";
import { createRealtime } from "@aos/core/realtime";
import { computed, makeObservable } from "mobx";
import type { Todo } from "../getting-started/todos";
import { serverSentEvents } from "./server-sent-events";

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
todos.realtime?.connect(serverSentEvents(new EventSource("https://api.example.com/events")));
// #endregion transport
