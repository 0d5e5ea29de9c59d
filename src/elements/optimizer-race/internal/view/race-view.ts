import { html, type nothing, type TemplateResult } from 'lit';
import type { HyperparameterName, Landscape, LandscapeId } from '../../../../core/index.js';
import { cssomStyle } from '../../../shared/cssom-style.js';
import type { Ghost } from '../run/ghosts.js';
import { PLOT_MARGIN, chartSize, isWide, plotScales, plotWidth } from './layout.js';
import { previewCosts, raceChartScales, renderChart } from './chart.js';
import type { RaceModel } from '../run/race-model.js';
import { renderFinishOrder, renderLegend, renderPicker, renderPlotKey, renderPlotSvg } from './templates.js';
import { renderPanels } from '../../../shared/optimizers/panels.js';
import { renderPlayControls } from '../../../shared/play-controls.js';
import { finishLine } from '../run/finish.js';
import type { Format } from '../../../shared/format.js';

/** What the reader can do in the race's template: the element's handlers. */
export interface RaceActions {
  pickLandscape: (id: LandscapeId) => void;
  isolate: (index: number | null) => void;
  pin: (index: number) => void;
  toggle: () => void;
  step: () => void;
  reset: () => void;
  setSpeed: (speed: number) => void;
  speedCommitted: () => void;
  setEnabled: (index: number, enabled: boolean) => void;
  setHyperparameter: (index: number, name: HyperparameterName, input: HTMLInputElement) => void;
}

/** The race as its template shows it. */
export interface RaceView {
  landscape: Landscape;
  /** Built before render, which only reads it. */
  model: RaceModel;
  hostWidth: number;
  /** The start is being dragged: the legend and the chart follow the preview from the new start. */
  dragging: boolean;
  /** Where the start handle is drawn (the dragged position while it is dragged). */
  start: readonly [number, number];
  handle: { onPointerDown: (event: PointerEvent) => void; onKeyDown: (event: KeyboardEvent) => void };
  /** The map's listeners for the point readout, and the readout's text. */
  pointer: { move: (event: PointerEvent) => void; focus: () => void };
  readout: string;
  ghosts: readonly Ghost[];
  thumbnails: Record<string, boolean>;
  focus: number | null;
  pinned: number | null;
  playing: boolean;
  speed: number;
  format: Format;
  /** The parts the element renders itself: the caption, the notes, the basin key, the swarm's tally. */
  caption: TemplateResult;
  notes: TemplateResult;
  basins: TemplateResult | typeof nothing;
  swarm: TemplateResult | typeof nothing;
  actions: RaceActions;
}

/** The whole race: the picker, the map with its key, the legend and chart, the controls and the panels. */
export function renderRace(view: RaceView): TemplateResult {
  const { landscape, model, hostWidth, dragging, format, actions } = view;
  const particles = model.particles;
  const scales = plotScales(landscape, plotWidth(hostWidth));
  const width = plotWidth(hostWidth);
  const height = scales.innerHeight + PLOT_MARGIN.top + PLOT_MARGIN.bottom;
  const offset = cssomStyle({ left: PLOT_MARGIN.left, top: PLOT_MARGIN.top });
  // While the start is dragged the legend reads the cost at the new start, from the preview.
  const preview = dragging ? model.preview?.costs : undefined;
  const costs = particles.map((p, i) => preview?.[i]?.[0] ?? p.costs[p.costs.length - 1]);
  const line = finishLine(landscape);
  // Crossings are the race's own: none while a dragged start's preview stands in for it.
  const finish = (i: number) => (dragging || model.iteration === 0 ? undefined : model.finishStep(i));
  return html`
    <div class="race ${isWide(hostWidth) ? 'wide' : 'narrow'}">
      ${view.caption} ${renderPicker(landscape, view.thumbnails, actions.pickLandscape)}
      <div class="stage">
        <!-- As wide as the map: its key wraps under it instead of widening the column past the chart's room. -->
        <figure class="plot-column" style=${cssomStyle({ width })}>
          <div
            class="plot"
            part="plot"
            style=${cssomStyle({ width, height })}
            @pointermove=${view.pointer.move}
            @focusin=${view.pointer.focus}
          >
            <canvas class="contours" style=${offset}></canvas>
            <canvas class="basins" style=${offset}></canvas>
            <canvas class="paths" style=${offset}></canvas>
            ${renderPlotSvg({
              landscape,
              width,
              height,
              scales,
              start: view.start,
              format,
              onPointerDown: view.handle.onPointerDown,
              onKeyDown: view.handle.onKeyDown,
              ghosts: view.ghosts,
            })}
          </div>
          ${renderPlotKey(landscape, { width, format, readout: view.readout })} ${view.basins}
        </figure>
        <div class="side">
          ${renderLegend({
            entries: model.entries,
            particles,
            iteration: model.iteration,
            costs,
            focus: view.focus,
            pinned: view.pinned,
            format,
            isolate: actions.isolate,
            verdict: (i) => model.verdict(i),
            finish,
            line,
            pin: actions.pin,
          })}
          ${renderFinishOrder({ entries: model.entries, iteration: dragging ? 0 : model.iteration, line, finish, format })}
          ${renderChart(
            landscape,
            raceChartScales(model, hostWidth, dragging),
            chartSize(landscape, hostWidth, model.entries.length),
            previewCosts(model, dragging) !== undefined,
            format,
            {
              line,
              finishes: model.entries.flatMap((entry, index) => {
                const step = entry.disabled ? undefined : finish(index);
                return step === undefined ? [] : [{ index, step }];
              }),
            },
          )}
        </div>
      </div>
      ${view.swarm}
      ${renderPlayControls({
        playing: view.playing,
        speed: view.speed,
        maxSpeed: 50,
        unit: 'steps',
        readout: html`Step <strong>${format(model.iteration, { digits: 7 })}</strong>`,
        format,
        toggle: actions.toggle,
        step: actions.step,
        reset: actions.reset,
        setSpeed: actions.setSpeed,
        speedCommitted: actions.speedCommitted,
      })}
      ${view.notes}
      ${renderPanels({ entries: model.entries, setEnabled: actions.setEnabled, setHyperparameter: actions.setHyperparameter })}
      <slot hidden></slot>
    </div>
  `;
}
