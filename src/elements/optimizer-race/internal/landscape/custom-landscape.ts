/**
 * `landscape="custom"`: the race on an author's formula (`formula`, `domain`). The
 * core parses the formula into a landscape at once; what takes longer is made in
 * slices of a few ms with a macrotask between them, never as one long task: the
 * 256×256 contour grid and bands (a coarse 48×48 map is shown until they are done) and
 * the search for the formula's minima (marked as "found minimum" once it ends).
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { findFormulaMinima, type FormulaResult, type Landscape } from '../../../../core/index.js';
import type { PropertyRule } from '../../../shared/rules.js';
import { cssomStyle } from '../../../shared/cssom-style.js';
import { CUSTOM, isCustomLandscape, parseCustom } from './formula-landscape.js';
import { prepareInSlices } from './landscape-cache.js';

/** Where a rejected formula or domain went wrong, for the marker under its note. */
interface Problem {
  text: string;
  index: number;
}

type Host = ReactiveControllerHost & HTMLElement;

/**
 * The race's side of `landscape="custom"`: the rules of `formula` and `domain`, the
 * landscape they give (the last good one while a new value is rejected), the marker
 * under a rejected value's note, and the sliced preparation of the contours and minima.
 */
export class CustomLandscapeController implements ReactiveController {
  /** The last formula landscape that parsed: kept while a later value is rejected. */
  private last?: Landscape;
  /** The landscape seen by the last update: a different one is a switch, like a thumbnail click. */
  private seenId?: string;
  /** The formula landscape whose contours and minima are being prepared for this race. */
  private preparing?: Landscape;
  private readonly problems: Record<string, Problem | undefined> = {};

  constructor(
    private readonly host: Host,
    private readonly options: {
      /** The landscape the race shows now. */
      current: () => Landscape;
      grid: { n: number; bands: number };
      /** Asks for a repaint of the canvases. */
      paint: () => void;
    },
  ) {
    host.addController(this);
  }

  /** The formula landscape for these (validated) values, or `undefined` when `landscape` is not `custom`. */
  resolve(landscape: unknown, formula: unknown, domain: unknown): Landscape | undefined {
    if (landscape !== CUSTOM || formula === null || formula === undefined) return landscape === CUSTOM ? this.last : undefined;
    const result = parseCustom(formula, domain);
    // The same formula and window parsed again after the core's cache let it go is the same
    // landscape: keep the object whose contours and minima are made.
    if (result.ok && result.landscape.id !== this.last?.id) this.last = result.landscape;
    return this.last;
  }

  /** True when the landscape shown differs from the one of the previous update (not on the first). */
  switched(id: string): boolean {
    const switched = this.seenId !== undefined && id !== this.seenId;
    this.seenId = id;
    return switched;
  }

  /** Whether `custom` may be the landscape: only with a formula that parses (or one shown already). */
  acceptsCustom(value: unknown, formula: unknown, domain: unknown): boolean {
    return value === CUSTOM && (parseCustom(formula, domain).ok || this.last !== undefined);
  }

  /** The rules of `formula` and `domain`; a rejected value's note says where it went wrong. */
  rules(formula: unknown, domain: unknown): { formula: PropertyRule; domain: PropertyRule } {
    const formulaResult = formula === null || formula === undefined ? undefined : parseCustom(formula, this.domainFor(domain));
    const domainResult = domain === null || domain === undefined ? undefined : parseCustom('w1', domain);
    // Every note names the character at fault (the marker under it shows it too).
    const because = (result: FormulaResult | undefined) => {
      if (!result || result.ok) return '';
      const { message, index } = result.error;
      return ` (here: ${message}${/at character \d/.test(message) ? '' : ` Look at character ${index + 1}.`})`;
    };
    return {
      formula: {
        attribute: 'formula',
        accepts: `a cost J in w1 and w2, e.g. (1 - w1)^2 + 100 (w2 - w1^2)^2${because(formulaResult)}`,
        valid: (value) => this.judged('formula', value, parseCustom(value, this.domainFor(domain))),
        fallback: null,
      },
      domain: {
        attribute: 'domain',
        accepts: `four numbers "w1min,w1max,w2min,w2max", e.g. -2,2,-1,3${because(domainResult)}`,
        valid: (value) => this.judged('domain', value, parseCustom('w1', value)),
        fallback: null,
      },
    };
  }

  /** The domain a formula is checked over: the one given if it is valid (its own rule reports it otherwise). */
  private domainFor(domain: unknown): unknown {
    return domain !== null && domain !== undefined && parseCustom('w1', domain).ok ? domain : null;
  }

  private judged(field: 'formula' | 'domain', value: unknown, result: FormulaResult): boolean {
    this.problems[field] = !result.ok && typeof value === 'string' ? { text: value, index: result.error.index } : undefined;
    return result.ok;
  }

  /**
   * Under the note of a rejected formula or domain: the text in monospace with a caret
   * under the character at fault (the note's words say the position too).
   */
  noteDetail(key: string): TemplateResult | typeof nothing {
    const problem = this.problems[key];
    if (!problem) return nothing;
    // A window of the text around the position, so a long formula does not overflow.
    const from = Math.max(0, problem.index - 40);
    const shown = `${from > 0 ? '…' : ''}${problem.text.slice(from, problem.index + 40)}${problem.index + 40 < problem.text.length ? '…' : ''}`;
    const caret = `${' '.repeat(problem.index - from + (from > 0 ? 1 : 0))}^`;
    return html`<span
      class="note-at"
      data-index=${problem.index}
      aria-hidden="true"
      style=${cssomStyle({ display: 'block', 'font-family': 'ui-monospace, monospace', 'white-space': 'pre', 'overflow-x': 'auto' })}
      >${`${shown}\n${caret}`}</span
    >`;
  }

  hostUpdated(): void {
    const landscape = this.options.current();
    if (!isCustomLandscape(landscape)) this.preparing = undefined;
    if (!isCustomLandscape(landscape) || landscape === this.preparing) return;
    this.preparing = landscape;
    const { n, bands } = this.options.grid;
    const stillShown = () => this.preparing === landscape && this.host.isConnected;
    void prepareInSlices(landscape, n, bands)
      .then(() => {
        if (stillShown()) this.options.paint();
        return findFormulaMinima(landscape);
      })
      .then(() => {
        if (!stillShown()) return;
        // The marks are drawn by the template, the chart's reference by the painter.
        this.host.requestUpdate();
        this.options.paint();
      });
  }
}
