import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
};

/** Serves the built page from `dir` on a free port of 127.0.0.1. */
export async function serveStatic(
  dir: string,
): Promise<{ url: string; close: () => Promise<void> }> {
  const root = normalize(dir) + sep;
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    const file = normalize(join(root, path.endsWith("/") ? `${path}index.html` : path));
    const send = (status: number, body: Buffer | string, type = "text/plain") => {
      response.writeHead(status, { "content-type": type });
      response.end(body);
    };
    if (!file.startsWith(root)) {
      send(404, "Not found");
      return;
    }
    readFile(file).then(
      (body) => {
        send(200, body, TYPES[extname(file)] ?? "application/octet-stream");
      },
      () => {
        send(404, "Not found");
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
      }),
  };
}
