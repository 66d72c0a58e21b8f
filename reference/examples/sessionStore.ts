/**
 * The Twisted Web "Storing Objects in the Session" example: a counter adapted from the
 * session on first use, kept with it, and shown as `Visit #N for you!`.
 *
 * Twisted's `counter.value += 1` reads, adds and writes back: safe on one thread holding the
 * live object, a lost update when two nodes share the session. So the component's one
 * operation is `increment()`, and each session class has its own adapter, as in Twisted:
 * a live object for sessions in memory, an atomic INCR for sessions kept in Redis.
 */
import { counterText } from "../../lib/pages.ts";
import { globalRegistry, InterfaceKey } from "../components.ts";
import type { Request } from "../request.ts";
import { Resource } from "../resource.ts";
import { Session } from "../session.ts";
import { StoredSession } from "../stores/storedSession.ts";

/** An int value which counts up once per page view. */
export interface Counter {
  /** Add one and give back the new value. */
  increment(): number | Promise<number>;
}

export const ICounter = new InterfaceKey<Counter>("ICounter");

/** The counter of a session in this process's memory: the object itself is the data. */
class MemoryCounter implements Counter {
  value = 0;
  increment(): number {
    return ++this.value;
  }
}

globalRegistry.registerAdapter((_session: Session): Counter => new MemoryCounter(), Session, ICounter);
globalRegistry.registerAdapter(
  (session: StoredSession): Counter => ({ increment: () => session.increment() }),
  StoredSession,
  ICounter,
);

export class CounterResource extends Resource {
  async render_GET(request: Request): Promise<string> {
    const counter = request.getSession().getComponent(ICounter)!;
    return counterText(await counter.increment());
  }
}
