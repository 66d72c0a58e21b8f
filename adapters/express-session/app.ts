/**
 * The suite's page contract on Express with express-session, as its README sets it up.
 * Run in a child process by ./index.ts; every deviation from the defaults is in NOTES.md.
 */

import { randomBytes } from "node:crypto";
import express from "express";
import session from "express-session";
import { packageVersion, serve, slowMs, timeoutMs } from "../frameworks/child.ts";

declare module "express-session" {
  interface SessionData {
    count: number;
    slowVisits: number;
  }
}

const app = express();
app.use(
  session({
    secret: randomBytes(32).toString("hex"), // required; fresh per process, never stored
    resave: true, // the default, said out loud: left undefined it prints a deprecation warning
    saveUninitialized: true, // likewise the default; a first visit gets a session and a cookie
    cookie: { maxAge: timeoutMs() }, // without it sessions never time out
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
  const ms = slowMs(req.query.ms);
  req.session.slowVisits = (req.session.slowVisits ?? 0) + 1;
  setTimeout(() => res.send(`Your session was held for ${ms} ms.`), ms);
});

await serve(app, `${packageVersion("express")} + ${packageVersion("express-session")}`);
