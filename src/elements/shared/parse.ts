/** Parsers for attribute text and property values. Each returns undefined for a value it cannot accept. */

import { inRange, type NumberRange } from '../../core/ranges.js';

/**
 * Decimal and exponent forms only ("12", "-0.5", ".5", "1e-3"), with spaces around
 * allowed. `Number()` alone would also take "0x10", "0b1", "" and " " (as 0), which no
 * author means as a number here.
 */
const DECIMAL = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/**
 * A finite number from a number or from decimal text; anything else (hex, trailing
 * junk, the empty string, NaN, ±Infinity, "1e999", bigints, objects) → undefined.
 */
export function parseFiniteNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || !DECIMAL.test(value)) return undefined;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}

/** "w1,w2" (or a two-number array) → [w1, w2]; anything else (one number, words, NaN) → undefined. */
export function parsePair(value: unknown): [number, number] | undefined {
  if (Array.isArray(value) && value.length === 2) {
    const [a, b] = value.map(parseFiniteNumber);
    return a === undefined || b === undefined ? undefined : [a, b];
  }
  if (typeof value !== 'string') return undefined;
  const parts = value.split(',');
  if (parts.length !== 2) return undefined;
  const [a, b] = parts.map(parseFiniteNumber);
  return a === undefined || b === undefined ? undefined : [a, b];
}

/**
 * Attribute converter for numeric properties: text that is a number becomes the
 * number; any other text is kept as it was typed, so the rejection note can quote it;
 * a removed attribute becomes null (the property's default).
 */
export const numberOrText = {
  fromAttribute: (value: string | null): number | string | null => (value === null ? null : (parseFiniteNumber(value) ?? value)),
  toAttribute: (value: unknown): string | null => (typeof value === 'number' || typeof value === 'string' ? String(value) : null),
};

/** How much of a rejected value a note or a warning quotes. */
export const QUOTE_LENGTH = 40;

/**
 * A short, safe rendering of any JavaScript value for notes and warnings: text in
 * quotes, cut to QUOTE_LENGTH characters with an ellipsis; numbers as JavaScript writes
 * them; everything else by its kind (an object with its first keys). Never throws
 * (objects without a prototype, symbols and revoked proxies cannot be turned into
 * strings by `String()`).
 */
export function describeValue(value: unknown): string {
  const cut = (text: string) => (text.length > QUOTE_LENGTH ? `${text.slice(0, QUOTE_LENGTH)}…` : text);
  switch (typeof value) {
    case 'string':
      return `"${cut(value)}"`;
    case 'number':
    case 'boolean':
      return String(value);
    case 'bigint':
      return `${cut(value.toString())}n`;
    case 'undefined':
      return 'undefined';
    case 'symbol':
      return cut(value.toString());
    case 'function':
      return 'a function';
    default:
      return value === null ? 'null' : describeObject(value as object, cut);
  }
}

/**
 * An array by its length, an object by its first keys (`an object {iteration, seed}`),
 * so two different rejected objects are told apart in notes and warnings. Proxies may
 * throw from any of these reads: a revoked one is named, any other says it cannot be read.
 */
function describeObject(value: object, cut: (text: string) => string): string {
  let isArray: boolean;
  try {
    isArray = Array.isArray(value);
  } catch {
    return 'a revoked proxy';
  }
  try {
    if (isArray) return `an array of ${(value as unknown[]).length}`;
    const keys: string[] = [];
    for (const key in value) {
      if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
      keys.push(key);
      if (keys.length > 3) break;
    }
    if (!keys.length) return 'an object';
    return cut(`an object {${keys.slice(0, 3).join(', ')}${keys.length > 3 ? ', …' : ''}}`);
  } catch {
    return `an unreadable ${isArray ? 'array' : 'object'}`;
  }
}

export const isPositive = (value: unknown) => {
  const n = parseFiniteNumber(value);
  return n !== undefined && n > 0;
};
export const isIntegerInRange = (min: number, max: number) => (value: unknown) => {
  const n = parseFiniteNumber(value);
  return n !== undefined && Number.isInteger(n) && n >= min && n <= max;
};
/** A number (or decimal text) inside `range`. */
export const isInRange = (range: NumberRange) => (value: unknown) => {
  const n = parseFiniteNumber(value);
  return n !== undefined && inRange(range, n);
};
export const isOneOf = (options: readonly string[]) => (value: unknown) => typeof value === 'string' && options.includes(value);
