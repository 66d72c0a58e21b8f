import type { Browse } from "../abilities/browse.ts";
import type { RawHttp } from "../abilities/rawHttp.ts";

/** A typed key into an actor's notes, for what one task leaves for a later step. */
export class Note<T> {
  declare private readonly type: T;
  constructor(readonly description: string) {}
}

/**
 * A person in a scenario (the Screenplay pattern): a name, a memory of what they saw, and
 * abilities. `browse` is a browser of their own (undici or Chromium); `raw` sends bytes no
 * browser would.
 */
export class Actor {
  /** Session ids their pages showed, in order. */
  readonly uids: string[] = [];
  /** Numbers their counter page showed, in order. */
  readonly counts: number[] = [];
  /** Requests made so far: a cluster's nodes take turns by it. */
  requests = 0;
  /** Set when a step checks this actor's server errors itself, so After does not fail on them. */
  serverErrorsChecked = false;
  private readonly notes = new Map<Note<unknown>, unknown>();

  constructor(
    readonly name: string,
    readonly browse: Browse,
    readonly raw: RawHttp,
  ) {}

  note<T>(key: Note<T>, value: T): void {
    this.notes.set(key, value);
  }

  /** @throws Error when nothing was noted under `key`: a step is missing from the scenario */
  recall<T>(key: Note<T>): T {
    if (!this.notes.has(key))
      throw new Error(`${this.name} has no note of ${key.description}: a step is missing before this one`);
    return this.notes.get(key) as T;
  }

  /** The session id they were shown last. */
  get lastUid(): string | undefined {
    return this.uids.at(-1);
  }
}
