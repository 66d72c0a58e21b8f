import type { Clock } from "../clock.ts";
import { Site } from "../site.ts";
import { sessionBasics } from "./sessionBasics.ts";
import { ExpirationLogger } from "./sessionEndings.ts";
import { SlowResource } from "./slowPage.ts";
import { CounterResource } from "./sessionStore.ts";

/** Where the example site serves each page. */
export const EXAMPLE_PATHS = { show: "/", expire: "/expire", counter: "/counter", notify: "/logme", slow: "/slow?ms={ms}" } as const;

export interface ExampleSiteOptions {
  clock?: Clock;
  sessionTimeout?: number;
  /** Receives `Session <uid> has expired.` lines. */
  onEnding?: (line: string) => void;
  log?: (line: string) => void;
}

/** The three Twisted session examples under one root, and a slow page: the site the embedded reference serves. */
export function exampleSite(options: ExampleSiteOptions = {}): Site {
  const root = sessionBasics();
  root.putChild("counter", new CounterResource());
  root.putChild("logme", new ExpirationLogger(options.onEnding ?? ((line) => process.stdout.write(`${line}\n`))));
  root.putChild("slow", new SlowResource());
  return new Site(root, { clock: options.clock, sessionTimeout: options.sessionTimeout, log: options.log });
}
