import type { PropertyRule } from '../../shared/gd-element.js';
import { parseFiniteNumber, parsePair } from '../../shared/parse.js';

/* How the line fit reads its less plain inputs: `init` and typed numbers (`batch-size`: ../../shared/batch-size.ts). */

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
