import { createOptimisticStoreManager } from "@aos/core";
import { postCreate, type PostRow, postUpdate } from "@aos/app-schemas";
import { createSocketIoTransport } from "@aos/realtime-socketio";
import { createTodoManager, rememberFailure, request, session } from "@aos/demo-kit";
import { createRealtime } from "@aos/core/realtime";

const now = () => new Date().toISOString();

/** Public todos, live over socket.io. */
export const todos = createTodoManager();

/** The signed-in user's posts: enabled only with a session, cleared on sign-out. */
export const posts = createOptimisticStoreManager({
  name: "posts",
  queryFn: () => request<PostRow[]>("GET", "/api/posts"),
  mutations: {
    create: (data, context) => request<PostRow>("POST", "/api/posts", data, context),
    update: ({ id, data }, context) => request<PostRow>("PATCH", `/api/posts/${id}`, data, context),
    remove: (id, context) => request("DELETE", `/api/posts/${id}`, undefined, context),
  },
  schemas: { create: postCreate, update: postUpdate },
  versionField: "version",
  onError: rememberFailure("posts"),
  enabled: () => session.get() !== null,
  clearWhenDisabled: true,
  optimisticDefaults: {
    createOptimisticUiData: (input): PostRow => ({
      id: input.id ?? crypto.randomUUID(),
      owner: session.get()?.username ?? "",
      title: input.title,
      body: input.body,
      version: 0,
      createdAt: now(),
      updatedAt: now(),
    }),
    pendingFields: ["owner", "version", "createdAt", "updatedAt"],
  },
  realtime: createRealtime(),
});

const publicSocket = createSocketIoTransport({ url: window.location.origin });
todos.realtime?.connect(publicSocket);

/** Posts events are private: a connection authenticated as the signed-in user. */
let privateSocket: ReturnType<typeof createSocketIoTransport> | undefined;
export function connectPosts(token: string | null): void {
  posts.realtime?.disconnect();
  privateSocket?.destroy();
  privateSocket = undefined;
  if (token === null) return;
  privateSocket = createSocketIoTransport({ url: window.location.origin, auth: () => ({ token }) });
  posts.realtime?.connect(privateSocket);
}
