import { defineParameterType } from "@cucumber/cucumber";

// A person in a scenario, each with a browser of their own: "Alice", "Bob", "Mallory".
defineParameterType({ name: "actor", regexp: /[A-Z][a-z]+/, transformer: (name: string) => name });

// A list of whole numbers as a person would write it: "1, 2, 3".
defineParameterType({
  name: "numbers",
  regexp: /\d+(?:, \d+)*/,
  transformer: (list: string) => list.split(", ").map(Number),
});

// One node of a target that runs several: "the first node" is node 0.
defineParameterType({
  name: "node",
  regexp: /first|second/,
  transformer: (word: string) => (word === "first" ? 0 : 1),
});
