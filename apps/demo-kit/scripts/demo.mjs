// Starts the reference server and one demo's dev server, and prints where to open it:
//   node apps/demo-kit/scripts/demo.mjs <demo-folder> <port> <name>
// `pnpm demo`, `pnpm demo:vue` and `pnpm demo:svelte` at the repository root build first.
import { spawn } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const [demo = "demo-react", port = "5173", name = "React"] = process.argv.slice(2);
const app = resolve(here, "../..", demo);
const serverPort = process.env.AOS_SERVER_PORT ?? "3001";
const serverUrl = `http://127.0.0.1:${serverPort}`;
const children = [];

function start(command, args, options) {
  const child = spawn(command, args, { stdio: ["ignore", "inherit", "inherit"], ...options });
  children.push(child);
  child.on("exit", (code) => {
    if (code !== 0 && code !== null) stop(code);
  });
  return child;
}

function stop(code = 0) {
  for (const child of children) child.kill("SIGTERM");
  process.exit(code);
}
process.once("SIGINT", () => stop());
process.once("SIGTERM", () => stop());

start(process.execPath, [join(app, "../server/dist/main.js")], {
  env: { ...process.env, PORT: serverPort, AOS_LATENCY_MS: process.env.AOS_LATENCY_MS ?? "400" },
  cwd: join(app, "../server"),
});

for (let attempt = 0; ; attempt++) {
  try {
    if ((await fetch(`${serverUrl}/health`)).ok) break;
  } catch {
    if (attempt > 100) stop(1);
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
}

start(join(app, "node_modules/.bin/vite"), ["--clearScreen", "false"], {
  cwd: app,
  env: { ...process.env, AOS_SERVER_URL: serverUrl, PORT: port },
});
console.log(`\n  AOS ${name} demo:  http://127.0.0.1:${port}   (reference server: ${serverUrl})\n`);
