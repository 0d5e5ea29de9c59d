/** Parsers for attribute text. Each returns undefined for text it cannot accept. */

export function parseFiniteNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}

/** "w1,w2" → [w1, w2]; anything else (one number, words, NaN) → undefined. */
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

export const isPositive = (value: unknown) => {
  const n = parseFiniteNumber(value);
  return n !== undefined && n > 0;
};
export const isNonNegative = (value: unknown) => {
  const n = parseFiniteNumber(value);
  return n !== undefined && n >= 0;
};
export const isFiniteNumber = (value: unknown) => parseFiniteNumber(value) !== undefined;
export const isIntegerInRange = (min: number, max: number) => (value: unknown) => {
  const n = parseFiniteNumber(value);
  return n !== undefined && Number.isInteger(n) && n >= min && n <= max;
};
export const isNumberInRange = (min: number, max: number) => (value: unknown) => {
  const n = parseFiniteNumber(value);
  return n !== undefined && n >= min && n <= max;
};
export const isOneOf = (options: readonly string[]) => (value: unknown) => typeof value === 'string' && options.includes(value);
