// A user's own session server, written without the suite's code: node:http, a Map of sessions,
// its own page texts and paths, and a clock the suite can move. `node user-server.mjs [port]
// [expire-noop]` prints `listening <port>` once it listens on 127.0.0.1.
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";

const [port = "0", flaw] = process.argv.slice(2);
const TIMEOUT_SECONDS = 600;
const sessions = new Map(); // id -> last use, in seconds
let offset = 0;
const now = () => Date.now() / 1000 + offset;

function current(req) {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const [name, value] = part.trim().split("=");
    if (name !== "sid") continue;
    const used = sessions.get(value);
    if (used !== undefined && now() - used < TIMEOUT_SECONDS) return value;
    sessions.delete(value);
    return undefined;
  }
  return undefined;
}

const server = createServer((req, res) => {
  const url = new URL(req.url, "http://127.0.0.1");
  if (req.method === "POST" && url.pathname === "/_clock/advance") {
    offset += Number(url.searchParams.get("seconds"));
    return res.end("ok");
  }
  if ((req.method !== "GET" && req.method !== "HEAD") || !["/", "/logout"].includes(url.pathname)) {
    res.statusCode = req.method === "GET" ? 404 : 405;
    return res.end();
  }
  let id = current(req);
  res.setHeader("Cache-Control", "no-store");
  if (url.pathname === "/logout") {
    if (id && flaw !== "expire-noop") sessions.delete(id);
    return res.end("<p>Bye.</p>");
  }
  if (!id) {
    id = randomBytes(32).toString("hex");
    res.setHeader("Set-Cookie", `sid=${id}; Path=/; HttpOnly; SameSite=Lax`);
  }
  sessions.set(id, now());
  res.setHeader("Content-Type", "text/html; charset=utf-8");
  res.end(`<h1>Welcome</h1><p>Your session: <code>${id}</code></p>`);
});

server.listen(Number(port), "127.0.0.1", () => console.log(`listening ${server.address().port}`));
process.on("SIGTERM", () => process.exit(0));
