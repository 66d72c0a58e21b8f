/**
 * The suite's page contract on Express with express-session and connect-redis, as their READMEs
 * set them up: one node of several sharing one Redis. Run in a child process by ./index.ts.
 * No fake clock (unlike ../frameworks/child.ts): Redis expires sessions on its own real clock.
 */

import type { AddressInfo } from "node:net";
import { RedisStore } from "connect-redis";
import express from "express";
import session from "express-session";
import { createClient } from "redis";
import { packageVersions } from "./versions.ts";

declare module "express-session" {
  interface SessionData {
    count: number;
    slowVisits: number;
  }
}

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const client = createClient({ url: env("REDIS_URL") });
client.on("error", (error: Error) => console.error(`redis: ${error.message}`));
await client.connect();

const app = express();
app.use(
  session({
    store: new RedisStore({ client }),
    secret: env("SESSION_SECRET"), // shared by every node, or a cookie signed by one fails on the other
    resave: true, // the default, said out loud: left undefined it prints a deprecation warning
    saveUninitialized: true, // likewise the default; a first visit gets a session and a cookie
    cookie: { maxAge: Number(env("SESSION_TIMEOUT_SECONDS")) * 1000 }, // without it sessions never time out
  }),
);

app.get("/", (req, res) => {
  res.send(`Your session id is: ${req.sessionID}`);
});

app.get("/expire", (req, res, next) => {
  req.session.destroy((error) => (error ? next(error) : res.send("Your session has been expired.")));
});

app.get("/counter", (req, res) => {
  req.session.count = (req.session.count ?? 0) + 1;
  res.send(`Visit #${req.session.count} for you!`);
});

// SEC-5's long request: it changes the session, and express-session saves it when the answer ends.
app.get("/slow", (req, res) => {
  const ms = Math.min(Math.max(Number(req.query.ms) || 0, 0), 10_000);
  req.session.slowVisits = (req.session.slowVisits ?? 0) + 1;
  setTimeout(() => res.send(`Your session was held for ${ms} ms.`), ms);
});

process.on("SIGTERM", () => process.exit(0));
const server = app.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  console.log(
    JSON.stringify({
      ready: true,
      port,
      version: packageVersions(["express", "express-session", "connect-redis", "redis"]),
    }),
  );
});
