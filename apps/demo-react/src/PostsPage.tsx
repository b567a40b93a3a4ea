import { login as loginSchema } from "@aos/app-schemas";
import { useEntity, useForm, useList, usePending } from "@aos/react";
import { createObserver } from "@aos/core";
import { useObserver } from "@aos/react";
import { runInAction } from "mobx";
import { memo, type SyntheticEvent, useMemo, useState } from "react";
import { dismissFailure, request, session } from "@aos/demo-kit";
import { StatusBar } from "./components";
import { connectPosts, posts } from "./stores";

const PostRow = memo(function PostRow({ id }: { id: string }) {
  const post = useEntity(posts, id);
  const pending = usePending(posts, id);
  if (post === undefined) return null;
  return (
    <li data-testid="post" className={pending ? "pending" : undefined}>
      <strong>{post.title}</strong> <small>by {post.owner || "you"}</small>
      <button
        aria-label={`delete: ${post.title}`}
        onClick={() => void posts.actions.remove(id).catch(() => undefined)}
      >
        ×
      </button>
    </li>
  );
});

function Login() {
  const [username, setUsername] = useState("");
  const [issue, setIssue] = useState("");
  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    const parsed = loginSchema.safeParse({ username });
    if (!parsed.success) {
      setIssue(parsed.error.issues[0]?.message ?? "Invalid");
      return;
    }
    let token: string;
    try {
      ({ token } = await request<{ token: string }>("POST", "/api/login", parsed.data));
    } catch (error) {
      setIssue((error as Error).message);
      return;
    }
    runInAction(() => {
      session.set({ token, username: parsed.data.username });
    });
    connectPosts(token);
  };
  return (
    <form aria-label="login" onSubmit={(event) => void submit(event)}>
      <input
        aria-label="username"
        placeholder="your name"
        aria-invalid={issue !== ""}
        aria-describedby={issue ? "username-issue" : undefined}
        value={username}
        onChange={(event) => {
          setUsername(event.target.value);
        }}
      />
      <button type="submit">Sign in</button>
      {issue && (
        <p id="username-issue" className="issue">
          {issue}
        </p>
      )}
    </form>
  );
}

export function PostsPage() {
  const user = useObserver(useMemo(() => createObserver(() => session.get()?.username), []));
  const rows = useList(posts);
  const form = useForm(posts, { kind: "create" });
  const issues = form.issues.title;
  if (user === undefined) return <Login />;
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    void form.submit();
  };
  const signOut = () => {
    runInAction(() => {
      session.set(null);
    });
    connectPosts(null);
    // The next user to sign in sees nothing of this one's, not even a failure.
    dismissFailure(posts.name);
  };
  return (
    <section>
      <h2>{user}&apos;s posts</h2>
      <button onClick={signOut}>Sign out</button>
      <StatusBar manager={posts} />
      <form aria-label="new post" onSubmit={submit}>
        <input
          aria-label="post title"
          aria-invalid={issues !== undefined}
          aria-describedby={issues && "post-title-issues"}
          value={form.values.title ?? ""}
          onChange={(event) => {
            form.setValue("title", event.target.value);
          }}
        />
        <button type="submit" disabled={form.submitting}>
          Post
        </button>
        {issues && (
          <div id="post-title-issues">
            {issues.map((issue) => (
              <p key={issue} className="issue">
                {issue}
              </p>
            ))}
          </div>
        )}
      </form>
      <ul>
        {rows.map((post) => (
          <PostRow key={posts.store.keyOf(post.id)} id={post.id} />
        ))}
      </ul>
    </section>
  );
}
