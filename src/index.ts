// The public API: what `import … from "tradeloom"` gives a user.
export {};
