/**
 * The Twisted Web "Storing Objects in the Session" example: a counter adapted from the
 * session on first use, kept on it, and shown as `Visit #N for you!`.
 */
import { globalRegistry, InterfaceKey } from "../components.ts";
import { Resource } from "../resource.ts";
import type { Request } from "../request.ts";
import { Session } from "../session.ts";

/** An int value which counts up once per page view. */
export interface Counter {
  value: number;
}

export const ICounter = new InterfaceKey<Counter>("ICounter");

globalRegistry.registerAdapter((_session: Session): Counter => ({ value: 0 }), Session, ICounter);

export class CounterResource extends Resource {
  render_GET(request: Request): string {
    const session = request.getSession();
    const counter = session.getComponent(ICounter)!;
    counter.value += 1;
    return `Visit #${counter.value} for you!`;
  }
}
