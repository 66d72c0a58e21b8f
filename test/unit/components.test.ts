import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Componentized, ComponentRegistry, InterfaceKey } from "../../reference/components.ts";

class Thing extends Componentized {}
class SubThing extends Thing {}
const ICount = new InterfaceKey<{ n: number }>("ICount");

describe("Componentized", () => {
  it("makes a component with the registered adapter on first use, then keeps it", () => {
    const registry = new ComponentRegistry();
    let made = 0;
    registry.registerAdapter(() => ({ n: ++made }), Thing, ICount);
    const thing = new Thing(registry);
    assert.equal(thing.getComponent(ICount), thing.getComponent(ICount));
    assert.equal(made, 1);
  });

  it("finds an adapter registered for a superclass", () => {
    const registry = new ComponentRegistry();
    registry.registerAdapter(() => ({ n: 7 }), Thing, ICount);
    assert.equal(new SubThing(registry).getComponent(ICount)?.n, 7);
  });

  it("answers undefined without an adapter, and set/unset replace the component", () => {
    const thing = new Thing(new ComponentRegistry());
    assert.equal(thing.getComponent(ICount), undefined);
    thing.setComponent(ICount, { n: 1 });
    assert.equal(thing.getComponent(ICount)?.n, 1);
    thing.unsetComponent(ICount);
    assert.equal(thing.getComponent(ICount), undefined);
  });

  it("refuses a second adapter for the same class and interface, as Twisted does", () => {
    const registry = new ComponentRegistry();
    registry.registerAdapter(() => ({ n: 1 }), Thing, ICount);
    assert.throws(() => registry.registerAdapter(() => ({ n: 2 }), Thing, ICount), /registered already/);
  });
});
