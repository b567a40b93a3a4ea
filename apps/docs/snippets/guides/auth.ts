import { createOptimisticStoreManager } from "@aos/core";
import { createRealtime } from "@aos/core/realtime";
import { createSocketIoTransport } from "@aos/realtime-socketio";
import { observable, runInAction } from "mobx";

interface Post {
  id: string;
  owner: string;
  title: string;
}
declare function request<T>(
  method: string,
  path: string,
  token: string | undefined,
  body?: unknown,
): Promise<T>;

// #region session
export const session = observable.box<{ token: string; username: string } | null>(null);

export const posts = createOptimisticStoreManager({
  name: "posts",
  queryFn: () => request<Post[]>("GET", "/api/posts", session.get()?.token),
  mutations: {
    update: ({ id, data }) =>
      request<Post>("PATCH", `/api/posts/${id}`, session.get()?.token, data),
  },
  enabled: () => session.get() !== null, // read again whenever the session changes
  clearWhenDisabled: true, // sign-out forgets the rows and the cached list
  realtime: createRealtime(),
});
// #endregion session

// #region realtime
let transport: ReturnType<typeof createSocketIoTransport> | undefined;

export function signIn(token: string, username: string) {
  runInAction(() => {
    session.set({ token, username });
  }); // the list loads now
  transport = createSocketIoTransport({ url: "https://api.example.com", auth: { token } });
  posts.realtime?.connect(transport);
}

export function signOut() {
  posts.realtime?.disconnect();
  transport?.destroy();
  transport = undefined;
  runInAction(() => {
    session.set(null);
  }); // the rows are cleared: the next user sees nothing of this one's
}
// #endregion realtime
