import type { PropertyRule } from '../../shared/gd-element.js';
import { isIntegerInRange, numberOrText, parseFiniteNumber, parsePair } from '../../shared/parse.js';

/* How the line fit reads its less plain inputs: `batch-size`, `init` and typed numbers. */

const isFull = (value: unknown) => typeof value === 'string' && value.trim().toLowerCase() === 'full';

export const batchSizeRule = {
  /** `batch-size`: `full` or a whole number; other text is kept as text so the rule can reject it. */
  converter: {
    fromAttribute(value: string | null): number | string | null {
      if (value === null) return null;
      if (value.trim().toLowerCase() === 'full') return 'full';
      return numberOrText.fromAttribute(value);
    },
    toAttribute: numberOrText.toAttribute,
  },
  rule(maxSize: number): PropertyRule {
    return {
      attribute: 'batch-size',
      accepts: `"full" or a whole number from 1 to ${maxSize}`,
      valid: (value) => isFull(value) || isIntegerInRange(1, maxSize)(value),
      normalize: (value) => (isFull(value) ? 'full' : parseFiniteNumber(value)),
      fallback: 'full',
    };
  },
};

export const initRule: PropertyRule = {
  attribute: 'init',
  accepts: 'two numbers "w,b" from -1000 to 1000',
  valid: (value) => {
    const pair = parsePair(value);
    return pair !== undefined && Math.abs(pair[0]) <= 1000 && Math.abs(pair[1]) <= 1000;
  },
  // Stored as text, the form the attribute has (an array [w, b] is accepted too).
  normalize: (value) => parsePair(value)!.join(','),
  fallback: '-2,3',
};

/** A typed number, or the text as typed so the property's rule can reject it with a note. */
export function numberOrTyped(event: Event): number {
  const input = event.target as HTMLInputElement;
  return (parseFiniteNumber(input.value) ?? input.value) as number;
}

export function roundTo(value: number): number {
  return Number(value.toFixed(3));
}
