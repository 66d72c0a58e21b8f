import { type IWorldOptions, setWorldConstructor, World } from "@cucumber/cucumber";
import { runningTarget } from "../../adapters/running.ts";
import { originOf, type Target, type TargetPaths } from "../../adapters/target.ts";
import { MEASUREMENT } from "../../lib/attachments.ts";
import { type Thresholds, thresholdsFor } from "../../lib/thresholds.ts";
import type { Browse, BrowseOptions } from "../abilities/browse.ts";
import { RawHttp } from "../abilities/rawHttp.ts";
import { Actor } from "../actors/actor.ts";
import { undiciBrowse } from "../clients/undici.ts";
import { Transcript } from "./transcript.ts";

export type Transport = "http" | "https";
export type ClientName = "default" | "chromium";

/** What the runner passes to every scenario, as cucumber's world parameters (plain JSON). */
export interface SuiteParameters {
  /** The running target's handle (adapters/running.ts). */
  target: string;
  transport: Transport;
  /** Which client gives the actors their browse ability. */
  client?: ClientName;
  /** Sample sizes and thresholds of the measured requirements; the defaults when absent. */
  thresholds?: Partial<Thresholds>;
}

/** Makes an actor's browser; the Chromium client registers its own (steps/clients/chromium). */
export type BrowseFactory = (options: BrowseOptions) => Browse;
const clients = new Map<ClientName, BrowseFactory>([["default", undiciBrowse]]);

export function registerClient(name: ClientName, factory: BrowseFactory): void {
  clients.set(name, factory);
}

/**
 * Per-scenario state and nothing else: the target, the actors, the transcript, and a teardown
 * stack. Everything a scenario learns is in its actors' memories.
 */
export class SessionWorld extends World<SuiteParameters> {
  readonly target: Target;
  readonly transcript = new Transcript();
  readonly actors = new Map<string, Actor>();
  private readonly teardown: Array<() => Promise<unknown>> = [];

  private readonly running: ReturnType<typeof runningTarget>;

  constructor(options: IWorldOptions<SuiteParameters>) {
    super(options);
    this.running = runningTarget(options.parameters.target);
    this.target = this.running.target;
  }

  /** Seconds the suite has moved the target's clock during the run, scenarios before this one included. */
  get clockMovedSeconds(): number {
    return this.running.clockMovedSeconds;
  }

  /** The target's clock moved: every browser judges cookie lifetimes at the new time. */
  async clockMoved(seconds: number): Promise<void> {
    this.running.clockMovedSeconds += seconds;
    for (const actor of this.actors.values()) await actor.browse.clockMoved(seconds);
  }

  get transport(): Transport {
    return this.parameters.transport ?? "http";
  }

  get thresholds(): Thresholds {
    return thresholdsFor(false, this.parameters.thresholds);
  }

  /** The person called `name`, with a browser of their own made on first mention. */
  actor(name: string): Actor {
    const known = this.actors.get(name);
    if (known) return known;
    const make = clients.get(this.parameters.client ?? "default");
    if (!make) throw new Error(`the ${this.parameters.client} client is not loaded`);
    const options = {
      actor: name,
      record: this.transcript.record,
      tlsCa: this.target.connection.tlsCa,
      clockOffsetSeconds: this.clockMovedSeconds,
    };
    const actor = new Actor(name, make(options), new RawHttp(name, this.transcript.record, options.tlsCa));
    this.actors.set(name, actor);
    this.onTeardown(() => actor.browse.close());
    return actor;
  }

  /** The URL of one of the target's pages, on the node whose turn it is (a cluster's nodes alternate). */
  url(page: keyof TargetPaths, node = 0): URL {
    const path = this.target.pages.paths[page];
    if (!path) throw new Error(`the target has no ${page} page`);
    const origin = originOf(this.target, this.transport, node);
    if (!origin) throw new Error(`the target serves no ${this.transport.toUpperCase()}`);
    return new URL(path, origin);
  }

  /** Show figures a step measured in the report (the verdict table, results.json, junit.xml). */
  measure(text: string): void {
    this.attach(text, MEASUREMENT);
  }

  onTeardown(step: () => Promise<unknown>): void {
    this.teardown.push(step);
  }

  /** Run the teardown stack, newest first. */
  async tearDown(): Promise<void> {
    for (const step of this.teardown.splice(0).reverse()) await step();
  }
}

setWorldConstructor(SessionWorld);
