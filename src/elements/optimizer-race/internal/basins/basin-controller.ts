import { live } from 'lit/directives/live.js';
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Landscape } from '../../../../core/index.js';
import { prepareCanvas } from '../../../shared/plot/canvas.js';
import { cssomStyle } from '../../../shared/cssom-style.js';
import type { PropertyRule } from '../../../shared/rules.js';
import {
  BASIN_DIVERGED,
  BASIN_MOVING,
  BASIN_SADDLE,
  BASIN_UNLISTED,
  basinKey,
  computeBasins,
  type BasinJob,
  type BasinMap,
} from './basins.js';
import { basinSlots, paintBasins } from './basin-paint.js';
import type { RaceEntry } from '../optimizers/entries.js';
import type { Format } from '../../../shared/format.js';

/** The `basins` attribute: `off`, or the 1-based place of an optimizer among `count`. */
export function basinsRule(count: number): PropertyRule {
  return {
    attribute: 'basins',
    accepts: `off, or the number of an optimizer from 1 to ${count} (its place in the legend)`,
    valid: (value) => value === 'off' || basinIndexOf(value, count) !== undefined,
    normalize: (value) => (value === 'off' ? 'off' : Number(value)),
    fallback: 'off',
  };
}

/** The 0-based optimizer a `basins` value names, or undefined for `off` (or a place no optimizer holds). */
export function basinIndexOf(value: unknown, count: number): number | undefined {
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(number) && number >= 1 && number <= count ? number - 1 : undefined;
}

/** The basin map shown, as the element's `basinMap` reports it. */
export interface BasinMapView {
  /** the optimizer's 1-based place in the legend */
  optimizer: number;
  grid: number;
  /** classes[row · grid + column], row 0 the lowest w₂: the index of the listed minimum reached, or −1 moving, −2 diverged, −3 saddle, −4 an unlisted minimum */
  classes: Int16Array;
}

export interface BasinControllerOptions {
  landscape: () => Landscape;
  entries: () => readonly RaceEntry[];
  /** The 0-based optimizer whose map is wanted, or undefined for none. */
  selected: () => number | undefined;
  onScreen: () => boolean;
  /** A map arrived (or went): the canvas needs a paint. */
  paint: () => void;
}

/**
 * The race's basin map: which optimizer's map is wanted, its computation (one batched
 * run, in slices: see `computeBasins`), restarted when the landscape (κ, formula) or
 * that optimizer's rule or hyperparameters change and cancelled when no longer wanted
 * or when the race leaves the page; the overlay's paint and the key under the map.
 */
export class BasinController implements ReactiveController {
  private job?: BasinJob;
  private map?: BasinMap;
  /** The optimizer (0-based) the map or the job is for. */
  private index?: number;
  /** What the overlay was last painted from: a paint with the same inputs is skipped. */
  private painted = '';

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: BasinControllerOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // Back in the page: the map wanted is worked out again (from the cache if it was done).
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.job?.cancel();
    this.job = undefined;
  }

  /** The map shown, once computed. */
  get view(): BasinMapView | undefined {
    const map = this.map;
    return map && this.index !== undefined ? { optimizer: this.index + 1, grid: map.grid, classes: map.classes } : undefined;
  }

  /** Whether a map is being worked out now. */
  get computing(): boolean {
    return this.job !== undefined;
  }

  /** Follows the settings: call before each render. Starts, keeps or cancels the computation. */
  sync(): void {
    const index = this.options.selected();
    const entry = index === undefined ? undefined : this.options.entries()[index];
    if (index === undefined || !entry) {
      this.drop();
      return;
    }
    const landscape = this.options.landscape();
    const optimizer = { type: entry.type, hyperparameters: entry.hyperparameters };
    const key = basinKey(landscape, optimizer);
    if (this.map?.key === key || this.job?.key === key) {
      this.index = index;
      return;
    }
    this.drop();
    this.index = index;
    const job = computeBasins(landscape, optimizer, { onScreen: this.options.onScreen });
    this.job = job;
    void job.done.then((map) => {
      if (this.job !== job) return;
      this.job = undefined;
      this.map = map;
      this.options.paint();
      this.host.requestUpdate();
    });
  }

  private drop(): void {
    this.job?.cancel();
    this.job = undefined;
    if (this.map) this.options.paint();
    this.map = undefined;
    this.index = undefined;
  }

  /** Paints the overlay (cleared when no map is shown); `colors` holds the resolved `basin-…` slots. */
  paint(canvas: HTMLCanvasElement | undefined, width: number, height: number, colors: Readonly<Record<string, string>>): void {
    if (!canvas) return;
    const map = this.map;
    const landscape = this.options.landscape();
    const stamp = `${map?.key}|${width}|${height}|${window.devicePixelRatio}|${Object.values(colors).join()}`;
    if (stamp === this.painted) return;
    this.painted = stamp;
    if (!map) {
      // Nothing to show: no backing store (otherwise every race holds a plot-sized bitmap for it).
      canvas.width = 0;
      canvas.height = 0;
      return;
    }
    const context = prepareCanvas(canvas, width, height);
    const color = (slot: string) => colors[slot] ?? 'transparent';
    paintBasins(
      context,
      map,
      {
        minima: basinSlots(landscape).map(color),
        diverged: color('basin-diverged'),
        saddle: color('basin-saddle'),
        unlisted: color('basin-unlisted'),
      },
      width,
      height,
    );
  }

  /** The select beside the map and, with a map shown, its key: each basin's colour, where it ends and its share. */
  render(options: { show: boolean; value: string; format: Format; change: (value: string) => void }): TemplateResult | typeof nothing {
    if (!options.show) return nothing;
    const entries = this.options.entries();
    const landscape = this.options.landscape();
    const map = this.map;
    const share = (code: number) => `${Math.round((100 * (map?.counts.get(code) ?? 0)) / (map ? map.classes.length : 1))} %`;
    const item = (slot: string, text: string) =>
      html`<li>
        <span class="basin-swatch" style=${cssomStyle({ background: `var(--_${slot}, transparent)` })} aria-hidden="true"></span>${text}
      </li>`;
    const slots = basinSlots(landscape);
    const point = ([w1, w2]: readonly number[]) => `(${options.format(w1, { digits: 3 })}, ${options.format(w2, { digits: 3 })})`;
    const extra = (code: number, slot: string, words: string) =>
      map?.counts.get(code) ? item(slot, `${words} · ${share(code)}`) : nothing;
    return html`<div class="basin-panel">
      <label class="basin-select"
        >Basins of attraction
        <select .value=${live(options.value)} @change=${(event: Event) => options.change((event.target as HTMLSelectElement).value)}>
          <option value="off" ?selected=${options.value === 'off'}>Off</option>
          ${entries.map((entry, i) => html`<option value=${i + 1} ?selected=${options.value === String(i + 1)}>${entry.label}</option>`)}
        </select></label
      >
      ${this.job ? html`<p class="basin-status" role="status">Working out where every start ends…</p>` : nothing}
      ${
        map
          ? html`<ul class="basin-key" aria-label="Basins of attraction of ${entries[this.index!]?.label ?? ''}">
              ${landscape.minima.map((m, i) =>
                m.kind === 'saddle' && !map.counts.get(i)
                  ? nothing
                  : item(
                      slots[i],
                      `${point(m.position)} ${m.kind === 'saddle' ? 'saddle' : m.global === false ? 'local' : 'global'} · ${share(i)}`,
                    ),
              )}
              ${extra(BASIN_UNLISTED, 'basin-unlisted', 'another minimum')} ${extra(BASIN_SADDLE, 'basin-saddle', 'a saddle point')}
              ${item('basin-diverged', `diverged · ${share(BASIN_DIVERGED)}`)}
              ${extra(BASIN_MOVING, 'basin-moving', 'still moving after the budget (clear)')}
            </ul>`
          : nothing
      }
    </div>`;
  }
}
