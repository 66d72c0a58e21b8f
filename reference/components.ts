/**
 * Components stored on a session, after Twisted's `Componentized` and `registerAdapter`:
 * a component is created from the session by a registered adapter on first use, then kept.
 */

/** A typed key standing for an interface, like Twisted's `ICounter`. */
export class InterfaceKey<T> {
  /** Keeps T part of the type, so `getComponent` returns it. */
  declare readonly _type: T;
  constructor(readonly name: string) {}
}

type AdapterFactory<From, T> = (original: From) => T;

/** Adapters registered for a class and an interface key. */
export class ComponentRegistry {
  private adapters = new Map<InterfaceKey<unknown>, Map<unknown, AdapterFactory<never, unknown>>>();

  /**
   * Register `factory` as the way to adapt instances of `origin` to `key`.
   * @throws Error when an adapter for that origin and key exists already, as Twisted does
   */
  registerAdapter<From, T>(
    factory: AdapterFactory<From, T>,
    origin: abstract new (...args: never[]) => From,
    key: InterfaceKey<T>,
  ): void {
    let byOrigin = this.adapters.get(key);
    if (!byOrigin) this.adapters.set(key, (byOrigin = new Map()));
    if (byOrigin.has(origin)) throw new Error(`an adapter from ${origin.name} to ${key.name} is registered already`);
    byOrigin.set(origin, factory as AdapterFactory<never, unknown>);
  }

  /** The factory for `original`'s class (or a superclass) and `key`, if one is registered. */
  lookup<T>(original: object, key: InterfaceKey<T>): AdapterFactory<object, T> | undefined {
    const byOrigin = this.adapters.get(key);
    if (!byOrigin) return undefined;
    for (let proto = Object.getPrototypeOf(original); proto; proto = Object.getPrototypeOf(proto)) {
      const factory = byOrigin.get(proto.constructor);
      if (factory) return factory as AdapterFactory<object, T>;
    }
    return undefined;
  }
}

/** The process-wide registry, as Twisted's global adapter registry. */
export const globalRegistry = new ComponentRegistry();

/** An object that holds components keyed by interface. */
export class Componentized {
  private components?: Map<InterfaceKey<unknown>, unknown>;
  /** Set only when injected, so objects that use the default (or override `registry`) hold no such field. */
  declare private readonly injectedRegistry?: ComponentRegistry;

  /** @param registry - where adapters are looked up; the global one unless a test injects its own */
  constructor(registry?: ComponentRegistry) {
    if (registry) this.injectedRegistry = registry;
  }

  /** Where adapters for this object are looked up. */
  protected get registry(): ComponentRegistry {
    return this.injectedRegistry ?? globalRegistry;
  }

  /**
   * The component for `key`, created by its registered adapter on first use.
   * @returns the component, or `undefined` when none is set and no adapter is registered
   */
  getComponent<T>(key: InterfaceKey<T>): T | undefined {
    if (this.components?.has(key)) return this.components.get(key) as T;
    const factory = this.registry.lookup(this, key);
    if (!factory) return undefined;
    const component = factory(this);
    this.setComponent(key, component);
    return component;
  }

  /** Store `component` under `key`, replacing any earlier one. */
  setComponent<T>(key: InterfaceKey<T>, component: T): void {
    (this.components ??= new Map()).set(key, component);
  }

  /** Forget the component stored under `key`. */
  unsetComponent(key: InterfaceKey<unknown>): void {
    this.components?.delete(key);
  }
}
