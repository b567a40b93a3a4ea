import { StrictMode, useState } from "react";
import { createRoot } from "react-dom/client";
import { PostsPage } from "./PostsPage";
import "@aos/demo-kit/style.css";
import { TodoPage } from "./TodoPage";

function App() {
  const [page, setPage] = useState<"todos" | "posts">("todos");
  return (
    <main>
      <h1>AOS · React</h1>
      <nav>
        <button
          aria-pressed={page === "todos"}
          onClick={() => {
            setPage("todos");
          }}
        >
          Todos
        </button>
        <button
          aria-pressed={page === "posts"}
          onClick={() => {
            setPage("posts");
          }}
        >
          Posts (sign in)
        </button>
      </nav>
      {page === "todos" ? <TodoPage /> : <PostsPage />}
    </main>
  );
}

const root = document.getElementById("root");
if (root !== null) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
