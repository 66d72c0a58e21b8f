import { defineParameterType } from "@cucumber/cucumber";

// A person in a scenario, each with a browser of their own: "Alice", "Bob", "Mallory".
defineParameterType({ name: "actor", regexp: /[A-Z][a-z]+/, transformer: (name: string) => name });
