/**
 * Reading a saved state (`state` attribute or property) without trusting it: a page may
 * hand the setter any JavaScript value (a bigint, a circular array, an object whose
 * getters or `toJSON` throw, a revoked Proxy, a Proxy whose traps throw, symbols, objects
 * without a prototype, huge arrays). Everything is read once, inside `try`, into plain
 * data of bounded size and depth; what cannot be read is named, never thrown.
 */
import { describeValue, parseFiniteNumber } from './parse.js';

/** Keys of one object and entries of one array copied at most: settings are a few, a race has at most 16 optimizers. */
const MAX_ENTRIES = 64;
/** Levels copied below the state itself (a race's optimizers: list, then settings). */
const MAX_DEPTH = 2;

export type ReadState = { ok: true; state: Record<string, unknown>; iteration: number } | { ok: false; problem: string };

/** What a value is, in the words of a note ("a bigint", "an array", "text"). */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    case 'bigint':
      return 'a bigint';
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
    case 'undefined':
      return 'undefined';
    default:
      return Array.isArray(value) ? 'an array' : 'an object';
  }
}

class Unreadable extends Error {}

/**
 * A plain copy of `value`: primitives (symbols, bigints and functions too, for the
 * property rules to reject) as they are, arrays and objects copied `depth` levels down
 * (deeper ones become empty objects, which no rule accepts), at most MAX_ENTRIES keys or
 * entries each, into objects without a prototype so a `__proto__` key is just a key.
 */
function plainCopy(value: unknown, depth: number, where: string): unknown {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value;
  if (typeof value === 'function') return value;
  const copy: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  if (depth <= 0) return copy;
  try {
    if (Array.isArray(value)) {
      const length = Math.min(value.length, MAX_ENTRIES);
      const items: unknown[] = [];
      for (let i = 0; i < length; i++) items.push(plainCopy((value as unknown[])[i], depth - 1, `${where}[${i}]`));
      return items;
    }
    let count = 0;
    for (const key in value) {
      if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
      if (++count > MAX_ENTRIES) break;
      copy[key] = plainCopy((value as Record<string, unknown>)[key], depth - 1, `${where}.${key}`);
    }
    return copy;
  } catch (error) {
    if (error instanceof Unreadable) throw error;
    throw new Unreadable(where);
  }
}

/**
 * Reads a state given to the `state` setter: JSON text or an object, with the settings
 * `keys` and `iteration`. Returns plain data, or the problem in words (for the note).
 */
export function readState(value: unknown, keys: readonly string[]): ReadState {
  let source: unknown = value;
  if (typeof value === 'string') {
    try {
      source = JSON.parse(value);
    } catch {
      return { ok: false, problem: 'it is not JSON' };
    }
  }
  let isArray: boolean;
  try {
    isArray = Array.isArray(source);
  } catch {
    return { ok: false, problem: 'it cannot be read (a revoked proxy)' };
  }
  if (source === null || typeof source !== 'object' || isArray) {
    return { ok: false, problem: `it is ${kindOf(source)}${typeof value === 'string' ? ' (as JSON)' : ''}, not an object` };
  }
  const state: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  let reading = 'it';
  try {
    for (const key of [...keys, 'iteration']) {
      reading = key;
      if (!(key in source)) continue;
      state[key] = plainCopy((source as Record<string, unknown>)[key], MAX_DEPTH, key);
    }
  } catch (error) {
    const where = error instanceof Unreadable ? error.message : reading;
    return { ok: false, problem: where === 'it' ? 'it cannot be read' : `reading ${where} failed` };
  }
  const raw = state.iteration;
  delete state.iteration;
  if (raw === undefined || raw === null) return { ok: true, state, iteration: 0 };
  const iteration = parseFiniteNumber(raw);
  if (iteration === undefined || !Number.isInteger(iteration) || iteration < 0) {
    return { ok: false, problem: `iteration is ${describeValue(raw)}, not a whole number of 0 or more` };
  }
  return { ok: true, state, iteration };
}
