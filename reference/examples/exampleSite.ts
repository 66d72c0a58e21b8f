import { endingLine, PAGE_PATHS } from "../../lib/pages.ts";
import type { Clock } from "../clock.ts";
import { Site } from "../site.ts";
import type { SessionStore } from "../store.ts";
import { sessionBasics } from "./sessionBasics.ts";
import { ENDING_LOGGER, ExpirationLogger } from "./sessionEndings.ts";
import { CounterResource } from "./sessionStore.ts";
import { SlowResource } from "./slowPage.ts";

/** Where the example site serves each page: the suite's page contract. */
export const EXAMPLE_PATHS = PAGE_PATHS;

export interface ExampleSiteOptions {
  clock?: Clock;
  sessionTimeout?: number;
  /** Where sessions live; memory unless given. */
  store?: SessionStore;
  /** Receives `Session <uid> has expired.` lines. */
  onEnding?: (line: string) => void;
  log?: (line: string) => void;
}

/** The three Twisted session examples under one root, and a slow page: the site the embedded reference serves. */
export function exampleSite(options: ExampleSiteOptions = {}): Site {
  const root = sessionBasics();
  root.putChild("counter", new CounterResource());
  root.putChild("logme", new ExpirationLogger());
  root.putChild("slow", new SlowResource());
  const site = new Site(root, {
    clock: options.clock,
    sessionTimeout: options.sessionTimeout,
    store: options.store,
    log: options.log,
  });
  const onEnding = options.onEnding ?? ((line) => process.stdout.write(`${line}\n`));
  site.addEndingListener(ENDING_LOGGER, (uid) => onEnding(endingLine(uid)));
  return site;
}
