// The chains part of the API contract: method name → method({ summary, input, result }), event name →
// event({ summary, payload }). See ../contract.ts and app.ts for the shape.

export const chainMethods = {};

export const chainEvents = {};
