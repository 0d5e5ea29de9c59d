/** Number formatting for the element's `lang` (nearest ancestor with a lang attribute). */

const formatters = new Map<string, Intl.NumberFormat>();

export function localeOf(element: Element): string | undefined {
  const owner = element.closest('[lang]') as HTMLElement | null;
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

/**
 * Formats a value with `digits` significant digits (or exactly `fraction` decimals).
 * Very small or very large magnitudes switch to scientific notation. Non-finite
 * values never reach the screen as "NaN": they read as an em dash.
 */
export function formatNumber(element: Element, value: number, options: { digits?: number; fraction?: number } = {}): string {
  if (!Number.isFinite(value)) return '—';
  const locale = localeOf(element);
  const magnitude = Math.abs(value);
  if (options.fraction === undefined && magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e6)) {
    return formatter(locale, { notation: 'scientific', maximumSignificantDigits: options.digits ?? 3 }).format(value);
  }
  return formatter(
    locale,
    options.fraction !== undefined
      ? { minimumFractionDigits: options.fraction, maximumFractionDigits: options.fraction }
      : { maximumSignificantDigits: options.digits ?? 4 },
  ).format(value);
}
