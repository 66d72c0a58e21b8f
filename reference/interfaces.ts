/**
 * The reference's interfaces, first and under Twisted's names: what a resource, a session and a
 * session store offer. The classes (Resource, Session, the stores) implement them; a reader
 * who wants the model without the machinery starts here.
 */
import type { Request } from "./request.ts";
import type { RenderResult } from "./resource.ts";

export type { SessionStore as ISessionStore } from "./store.ts";

/** A node of the URL tree (twisted.web.resource.IResource). */
export interface IResource {
  /** A leaf takes the rest of the path itself instead of looking up children. */
  isLeaf: boolean;
  putChild(path: string, child: IResource): void;
  getChildWithDefault(path: string, request: Request): IResource;
  /** Answer with `render_<METHOD>`: the body, now or later. */
  render(request: Request): RenderResult;
}

/** One visitor's session (twisted.web.server.Session, ISession in twisted.web.iweb). */
export interface ISession {
  readonly uid: string;
  sessionTimeout: number;
  readonly isExpired: boolean;
  /** Mark the session used now: its idle timeout starts again. */
  touch(): void;
  /** End the session now; its end callbacks run once. */
  expire(): void;
  /** Run `callback` once when the session ends, in this process (Twisted's own). */
  notifyOnExpire(callback: () => void): void;
  /** Tell the listener the Site registered as `listener` when the session ends, on whichever node ends it. */
  notifyOnExpireBy(listener: string): void;
}
