/**
 * One rule for every attribute and property of every element: removing the attribute or
 * setting `null`/`undefined` restores the default silently; a bad value (wrong text, out
 * of range, or any other JavaScript value) keeps the last good one, is quoted in a
 * visible note with the accepted range, and warns once in the console.
 */
import { describeRange, type NumberRange } from '../../core/ranges.js';
import { DEFAULT_BOWL_KAPPA } from '../../core/landscapes/quadratic.js';
import { describeValue, isInRange, parseFiniteNumber } from './parse.js';

/** How one property's value is checked; a bad value keeps the last good one. */
export interface PropertyRule {
  /** The attribute name shown in the note and the console warning. */
  attribute: string;
  /** The accepted range, in words ("a number greater than 0"). */
  accepts: string;
  valid: (value: unknown) => boolean;
  /** The value stored for an accepted one (a number given as text is stored as the number). */
  normalize?: (value: unknown) => unknown;
  /** The default: used when nothing (or null) was set, and before any good value. */
  fallback: unknown;
}

/** A numeric property: numbers or decimal text inside `range`, stored as numbers. */
export function numberRule(attribute: string, range: NumberRange, fallback: number | null, accepts = describeRange(range)): PropertyRule {
  return { attribute, accepts, valid: isInRange(range), normalize: parseFiniteNumber, fallback };
}

/**
 * The bowl's condition number κ wherever an element shows the bowl (the race, the
 * sweep): a round bowl (1) up to a valley a thousand times steeper across than along,
 * the core's κ by default, so a sweep and a race on the bowl are the same bowl.
 */
export const KAPPA_RULE = numberRule('kappa', { min: 1, max: 1000 }, DEFAULT_BOWL_KAPPA, 'a condition number from 1 to 1000');

/** κ if it is valid, else the default. */
export function kappaOf(value: unknown): number {
  return KAPPA_RULE.valid(value) ? Number(value) : DEFAULT_BOWL_KAPPA;
}

export type Verdict = { kind: 'default' } | { kind: 'accept'; value: unknown } | { kind: 'reject' };

/** What to do with a value set on a property governed by `rule`; never throws. */
export function judge(rule: PropertyRule, value: unknown): Verdict {
  if (value === null || value === undefined) return { kind: 'default' };
  try {
    if (!rule.valid(value)) return { kind: 'reject' };
    return { kind: 'accept', value: rule.normalize ? rule.normalize(value) : value };
  } catch {
    return { kind: 'reject' };
  }
}

/**
 * Judges every changed property that has a rule, in place on `host`: a rejected value is
 * put back to the last good one (or the default) and reported through `onReject`; an
 * accepted or cleared one is stored normalised, remembered as the last good value and
 * reported through `onAccept` (to clear its note).
 */
export function applyRules(
  host: object,
  changed: Iterable<PropertyKey>,
  rules: Record<string, PropertyRule>,
  lastGood: Map<string, unknown>,
  onReject: (rule: PropertyRule, value: unknown, kept: unknown) => void,
  onAccept: (rule: PropertyRule) => void,
): void {
  const record = host as Record<string, unknown>;
  for (const key of changed) {
    const name = key as string;
    const rule = rules[name];
    if (!rule) continue;
    const value = record[name];
    const verdict = judge(rule, value);
    if (verdict.kind === 'reject') {
      const kept = lastGood.has(name) ? lastGood.get(name) : rule.fallback;
      record[name] = kept;
      onReject(rule, value, kept);
      continue;
    }
    // null/undefined (a removed attribute, a framework clearing a prop): the default, silently.
    const good = verdict.kind === 'accept' ? verdict.value : rule.fallback;
    if (!Object.is(good, value)) record[name] = good;
    lastGood.set(name, good);
    onAccept(rule);
  }
}

/**
 * What a property set means at the set itself, before lit's update: whether a note about
 * a rejected value should go (a good value set where a note stands, even when it equals
 * the value kept: lit sees no change then and makes no update) and whether the set is a
 * change to send to a link group (a good value of a linked property). `rule` is only
 * asked for when one of the two may apply.
 */
export function setOutcome(
  value: unknown,
  oldValue: unknown,
  options: { noted: boolean; linked: boolean; rule: () => PropertyRule | undefined },
): { clearNote: boolean; send: boolean; unchanged: boolean } {
  const unchanged = Object.is(value, oldValue);
  const noted = unchanged && options.noted;
  if (!noted && !options.linked) return { clearNote: false, send: false, unchanged };
  const rule = options.rule();
  const good = rule !== undefined && judge(rule, value).kind !== 'reject';
  return { clearNote: good && noted, send: good && options.linked, unchanged };
}

/**
 * What the author typed into each attribute, until the update that judges it: a
 * rejected value is quoted as typed ("1e20", "0.50"), not as its conversion
 * (100000000000000000000, 0.5).
 */
export class TypedAttributes {
  private readonly typed = new Map<string, { text: string; value: unknown }>();

  /** Called after an attribute changed and was converted into `value`. */
  remember(attribute: string, text: string | null, value: unknown): void {
    if (text === null) this.typed.delete(attribute);
    else this.typed.set(attribute, { text, value });
  }

  /** The rejected value as the note shows it: the typed text when it produced `value`. */
  quote(attribute: string, value: unknown): string {
    const typed = this.typed.get(attribute);
    return describeValue(typed && Object.is(typed.value, value) ? typed.text : value);
  }

  clear(): void {
    this.typed.clear();
  }
}

/** The visible note for a rejected value: the author's input (already quoted) and the range. */
export function rejectionNote(rule: PropertyRule, shown: string, kept: string, where = ''): string {
  return `Ignored ${rule.attribute}=${shown}${where}: expected ${rule.accepts}. Using ${kept}.`;
}

/**
 * Warned values are remembered by a short key (the value is quoted at most
 * QUOTE_LENGTH characters long), and only the most recent MAX_WARNED of them, so
 * a page that sets many huge bad values keeps no more than a few kilobytes.
 */
const MAX_WARNED = 256;
const warned = new Set<string>();

/** Warns unless the same tag, attribute and (quoted) value warned before. */
export function warnRejected(tag: string, rule: PropertyRule, shown: string, kept: string): void {
  const key = `${tag}|${rule.attribute}|${shown}`;
  if (warned.has(key)) return;
  if (warned.size >= MAX_WARNED) warned.delete(warned.values().next().value as string);
  warned.add(key);
  console.warn(`<${tag}>: ignored ${rule.attribute}=${shown}; accepted: ${rule.accepts}. Keeping ${kept}.`);
}

/** How many warned values are remembered now (for tests of the memory bound). */
export function warnedCount(): number {
  return warned.size;
}

/**
 * The value a model is built from for one property: the value its rule accepts
 * (normalised), the rule's default for a cleared one, and for one it will reject, the
 * value used before (or the default). Read between a property set and lit's update, so
 * no unchecked value gets in.
 */
export function validOr<T>(rule: PropertyRule, value: unknown, previous: T | undefined): T {
  const verdict = judge(rule, value);
  if (verdict.kind === 'accept') return verdict.value as T;
  if (verdict.kind === 'default' || previous === undefined) return rule.fallback as T;
  return previous;
}
