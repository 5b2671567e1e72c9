/** The scoring engine: pure TypeScript, no DOM, no I/O. */
export * from "./types.js";
export * from "./model.js";
export * from "./matrix.js";
export * from "./stats.js";
export * from "./normalise.js";
export * from "./winsorise.js";
export * from "./trend.js";
export * from "./coverage.js";
export * from "./aggregate.js";
export * from "./rank.js";
export * from "./prepared.js";
export * from "./nomination.js";
export * from "./improvement.js";
export * from "./score.js";
export * from "./explain.js";
