/** Checks of the errors the engine throws, shared by its tests. */
import {expect} from "vitest";

/**
 * The error `f` throws, checked to be an instance of `type`; the test fails
 * when `f` throws nothing or something else.
 */
export function thrownBy<E extends Error>(f: () => unknown, type: abstract new (...args: never[]) => E): E {
  let threw = false;
  let error: unknown;
  try {
    f();
  } catch (e) {
    threw = true;
    error = e;
  }
  if (!threw) throw new Error(`nothing was thrown (expected a ${type.name})`);
  expect(error).toBeInstanceOf(type);
  return error as E;
}

/** Asserts that `f` throws an instance of `type` with exactly this message. */
export function expectThrows(f: () => unknown, type: abstract new (...args: never[]) => Error, message: string): void {
  expect(thrownBy(f, type).message).toBe(message);
}
