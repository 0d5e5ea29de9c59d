/** Number formatting for the element's `lang` (nearest ancestor with a lang attribute). */

const formatters = new Map<string, Intl.NumberFormat>();

export function localeOf(element: Element): string | undefined {
  const owner = element.closest<HTMLElement>('[lang]');
  const lang = owner?.lang || document.documentElement.lang || undefined;
  if (!lang) return undefined;
  try {
    return Intl.getCanonicalLocales(lang)[0];
  } catch {
    return undefined;
  }
}

function formatter(locale: string | undefined, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.NumberFormat(locale, options);
    formatters.set(key, cached);
  }
  return cached;
}

const SUPERSCRIPT: Record<string, string> = {
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

/** Digits and minus signs as superscripts (an exponent written 10⁻⁶). */
export function superscript(text: string): string {
  return [...text].map((c) => (c === '-' ? '⁻' : (SUPERSCRIPT[c] ?? c))).join('');
}

/**
 * Log-axis labels: whole powers of ten at least `minExponent` decades from 1 as 10ⁿ
 * (short, never "1E11"); every other value through `format`.
 */
export function formatLogTick(value: number, format: (value: number) => string, minExponent = 3): string {
  const exponent = Math.round(Math.log10(value));
  if (Math.abs(exponent) >= minExponent && Math.abs(value / 10 ** exponent - 1) < 1e-9) return `10${superscript(String(exponent))}`;
  return format(value);
}

/**
 * Scientific notation as readers write it, 1.26 × 10¹⁷ and 3.2 × 10⁻⁴, not "1.26E17":
 * the mantissa keeps the locale's digits and decimal sign, the exponent becomes
 * superscript (Intl's parts keep this independent of how a locale spells "E").
 */
function timesTenToThe(format: Intl.NumberFormat, value: number): string {
  let mantissa = '';
  let exponent = '';
  let inExponent = false;
  for (const part of format.formatToParts(value)) {
    if (part.type === 'exponentSeparator') inExponent = true;
    else if (!inExponent) mantissa += part.value;
    else if (part.type === 'exponentMinusSign') exponent += '⁻';
    else exponent += superscript(part.value);
  }
  return exponent === '⁰' ? mantissa : `${mantissa} × 10${exponent}`;
}

/** A number formatter bound to an element's locale: `formatNumber` with the element filled in. */
export type Format = (value: number, options?: { digits?: number; fraction?: number }) => string;

/**
 * Formats a value with `digits` significant digits (or exactly `fraction` decimals).
 * Very small or very large magnitudes switch to scientific notation, written × 10ⁿ. Non-finite
 * values never reach the screen as "NaN": they read as an em dash.
 */
export function formatNumber(element: Element, value: number, options: { digits?: number; fraction?: number } = {}): string {
  if (!Number.isFinite(value)) return '—';
  const locale = localeOf(element);
  const magnitude = Math.abs(value);
  if (options.fraction === undefined && magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e6)) {
    return timesTenToThe(formatter(locale, { notation: 'scientific', maximumSignificantDigits: options.digits ?? 3 }), value);
  }
  return formatter(
    locale,
    options.fraction !== undefined
      ? { minimumFractionDigits: options.fraction, maximumFractionDigits: options.fraction }
      : { maximumSignificantDigits: options.digits ?? 4 },
  ).format(value);
}

/**
 * Significant digits that write `value` truly enough to compare with `other` in words:
 * at least `least`, more until the two no longer look equal, and enough that the written
 * value is within 10⁻⁴ of the true one (2/λ_max = 0.9995 is not "1"), at most 8. So
 * "α = 1 is above 2/λ_max = 0.9995" reads true where 3 digits would say "above … = 1".
 */
export function digitsToTell(value: number, other = value, least = 3): number {
  const rounded = (v: number, d: number) => Number(v.toPrecision(d));
  for (let d = least; d < 8; d++) {
    const near = Math.abs(rounded(value, d) - value) <= 1e-4 * Math.abs(value);
    const apart = value === other || rounded(value, d) !== rounded(other, d);
    if (near && apart) return d;
  }
  return 8;
}
