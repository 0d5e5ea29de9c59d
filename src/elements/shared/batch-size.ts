import type { PropertyRule } from './rules.js';
import { isIntegerInRange, numberOrText, parseFiniteNumber } from './parse.js';

/* `batch-size` as the line fit and the network read it: `full`, or a whole number of points per update. */

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
