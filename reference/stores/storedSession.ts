// Apart from redisStore.ts, so the examples can adapt components to it without loading a Redis client.
import { Session } from "../session.ts";
import type { RedisSessionStore } from "./redisStore.ts";

/**
 * A session whose data lives in Redis: this object is only the current request's handle on it.
 * Its components are adapted to Redis operations (see examples/sessionStore.ts).
 */
export class StoredSession extends Session {
  /** Listener names a sweep took from Redis for this session; run when the Site expires it. */
  takenListeners?: readonly string[];

  get store(): RedisSessionStore {
    return this.site.store as RedisSessionStore;
  }

  /** Add one to the session's counter in Redis, atomically across every node. */
  increment(): Promise<number> {
    return this.store.increment(this);
  }
}
