/**
 * All of the network's canvas drawing, from a plain scene: each racer's decision map
 * (ŷ as colour, the ŷ = ½ boundary, the data), the cost charts, the loss-landscape slice's
 * filled contours and the 1-D slice. The element calls `paint` from its one PaintController.
 */
import { contours } from 'd3-contour';
import { prepareCanvas, resolveColors } from '../../../shared/plot/canvas.js';
import { contourBands, fillContourBands, type ContourBand } from '../../../shared/plot/contours.js';
import { drawSeries } from '../../../shared/plot/series.js';
import { seriesStyle } from '../../../shared/plot/series-style.js';
import type { ClassificationData } from '../../../../core/index.js';
import type { LossSlice } from '../landscape-job.js';
import type { RacerRecord } from '../model.js';
import { MAP_SIZE, SLICE_BANDS } from '../settings.js';
import { CHART_MARGIN, SLICE_MARGIN, costChartScales, innerSize, type NetworkGeometry } from './layout.js';

/** Everything one paint reads: a snapshot, never the live element. */
export interface NetworkScene {
  geometry: NetworkGeometry;
  data: ClassificationData;
  /** the maps' window: [−half, half]² */
  half: number;
  /** ŷ per racer on the map grid */
  grids: readonly Float64Array[];
  records: readonly RacerRecord[];
  enabled: readonly boolean[];
  /** the cost charts' x axis in epochs (updates per epoch), or in updates */
  perEpoch?: number;
  slice?: LossSlice;
  colors: Readonly<Record<string, string>>;
}

export interface NetworkCanvases {
  maps: readonly (HTMLCanvasElement | undefined)[];
  train?: HTMLCanvasElement;
  test?: HTMLCanvasElement;
  slice?: HTMLCanvasElement;
  line?: HTMLCanvasElement;
}

/** The colours the canvases use, resolved from the element's custom properties. */
function resolveNetworkColors(root: ShadowRoot, racers: number): Record<string, string> {
  const expressions: Record<string, string> = {
    class0: 'var(--_class-0)',
    class1: 'var(--_class-1)',
    bg: 'var(--_bg)',
    fg: 'var(--_fg)',
    border: 'var(--_border)',
  };
  for (let i = 0; i < Math.min(racers, 128); i++) expressions[`series${i}`] = seriesStyle(i).color;
  return resolveColors(root, expressions);
}

/** A colour as [r, g, b] (from the `rgb(…)` text `getComputedStyle` gives). */
function rgb(color: string): [number, number, number] {
  const parts = color.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0];
  return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0];
}

export class NetworkPainter {
  private colorsKey = '';
  private colors: Record<string, string> = {};
  /** The slice's filled bands, made once per slice. */
  private bands?: { slice: LossSlice; bands: ContourBand[] };
  /** A MAP_SIZE-pixel image each map is scaled up from. */
  private image?: HTMLCanvasElement;

  /** The canvas colours of the theme `key` names (resolved again only when it changed). */
  colorsFor(root: ShadowRoot, key: string, racers: number): Record<string, string> {
    if (key !== this.colorsKey) {
      this.colorsKey = key;
      this.colors = resolveNetworkColors(root, racers);
    }
    return this.colors;
  }

  paint(canvases: NetworkCanvases, scene: NetworkScene): void {
    canvases.maps.forEach((canvas, i) => {
      if (canvas && scene.grids[i]) this.drawMap(canvas, scene, i);
    });
    const test = scene.data.testY.length > 0;
    const series = scene.records.flatMap((record, i) =>
      scene.enabled[i] ? [record.cost.view, ...(test ? [record.testCost.view] : [])] : [],
    );
    const inner = innerSize(scene.geometry.chart, CHART_MARGIN);
    const scales = costChartScales(series, inner, scene.perEpoch);
    const perEpoch = scene.perEpoch ?? 1;
    const x = (k: number) => scales.x(k / perEpoch);
    if (canvases.train) this.drawCosts(canvases.train, scene, inner, x, scales.y, (record) => record.cost.view);
    if (canvases.test && test) this.drawCosts(canvases.test, scene, inner, x, scales.y, (record) => record.testCost.view);
    if (canvases.slice && scene.slice) this.drawSlice(canvases.slice, scene.slice, scene);
    if (canvases.line && scene.slice) this.drawLine(canvases.line, scene.slice, scene);
  }

  /** The filled bands of a slice (made once per slice), and its contour plan for the colour legend. */
  bandsOf(slice: LossSlice): ContourBand[] {
    if (this.bands?.slice !== slice)
      this.bands = { slice, bands: contourBands({ values: slice.values, n: slice.alphas.length }, SLICE_BANDS) };
    return this.bands.bands;
  }

  private drawMap(canvas: HTMLCanvasElement, scene: NetworkScene, racer: number): void {
    const size = scene.geometry.map;
    const context = prepareCanvas(canvas, size, size);
    const grid = scene.grids[racer];
    const { colors } = scene;
    // ŷ as colour: the class-0 colour at 0, the background at ½, the class-1 colour at 1.
    const image = (this.image ??= document.createElement('canvas'));
    image.width = MAP_SIZE;
    image.height = MAP_SIZE;
    const imageContext = image.getContext('2d')!;
    const pixels = imageContext.createImageData(MAP_SIZE, MAP_SIZE);
    const [c0, c1, bg] = [rgb(colors.class0), rgb(colors.class1), rgb(colors.bg)];
    for (let k = 0; k < grid.length; k++) {
      const t = 2 * grid[k] - 1;
      const towards = t >= 0 ? c1 : c0;
      const share = 0.55 * Math.abs(t);
      for (let channel = 0; channel < 3; channel++) pixels.data[4 * k + channel] = bg[channel] + share * (towards[channel] - bg[channel]);
      pixels.data[4 * k + 3] = 255;
    }
    imageContext.putImageData(pixels, 0, 0);
    context.imageSmoothingEnabled = true;
    context.drawImage(image, 0, 0, size, size);
    // The decision boundary, ŷ = ½: d3-contour puts sample i at i + ½ of its units, our samples sit at cell centres.
    const boundary = contours().size([MAP_SIZE, MAP_SIZE]).contour(Array.from(grid), 0.5);
    const scale = size / MAP_SIZE;
    context.beginPath();
    for (const polygon of boundary.coordinates)
      for (const ring of polygon)
        ring.forEach(([cx, cy], k) => {
          // Edges along the grid's border are not a boundary.
          const onEdge = (v: number) => v <= 0.5 || v >= MAP_SIZE - 0.5;
          if (k === 0 || (onEdge(cx) && onEdge(ring[k - 1][0])) || (onEdge(cy) && onEdge(ring[k - 1][1])))
            context.moveTo(cx * scale, cy * scale);
          else context.lineTo(cx * scale, cy * scale);
        });
    context.strokeStyle = colors.fg;
    context.lineWidth = 1.5;
    context.stroke();
    // The data: training points filled, test points as rings.
    const toPixel = (v: number) => ((v + scene.half) / (2 * scene.half)) * size;
    const { x, y, testX, testY } = scene.data;
    const radius = size < 160 ? 2 : 2.6;
    for (let e = 0; e < y.length; e++) {
      context.beginPath();
      context.arc(toPixel(x[2 * e]), size - toPixel(x[2 * e + 1]), radius, 0, 2 * Math.PI);
      context.fillStyle = y[e] ? colors.class1 : colors.class0;
      context.fill();
      context.lineWidth = 0.75;
      context.strokeStyle = colors.bg;
      context.stroke();
    }
    for (let e = 0; e < testY.length; e++) {
      context.beginPath();
      context.arc(toPixel(testX[2 * e]), size - toPixel(testX[2 * e + 1]), radius + 0.4, 0, 2 * Math.PI);
      context.fillStyle = colors.bg;
      context.fill();
      context.lineWidth = 1.4;
      context.strokeStyle = testY[e] ? colors.class1 : colors.class0;
      context.stroke();
    }
  }

  private drawCosts(
    canvas: HTMLCanvasElement,
    scene: NetworkScene,
    inner: { width: number; height: number },
    x: (k: number) => number,
    y: (value: number) => number,
    values: (record: RacerRecord) => Float64Array,
  ): void {
    const context = prepareCanvas(canvas, inner.width, inner.height);
    const series = scene.records.flatMap((record, i) =>
      scene.enabled[i] ? [{ values: values(record), color: scene.colors[`series${i}`] ?? scene.colors.fg, dash: seriesStyle(i).dash }] : [],
    );
    drawSeries(context, series, x, y, inner.width);
  }

  private drawSlice(canvas: HTMLCanvasElement, slice: LossSlice, scene: NetworkScene): void {
    const inner = innerSize(scene.geometry.slice, SLICE_MARGIN);
    const context = prepareCanvas(canvas, inner.width, inner.height);
    fillContourBands(context, this.bandsOf(slice), slice.alphas.length, { width: inner.width, height: inner.height });
  }

  private drawLine(canvas: HTMLCanvasElement, slice: LossSlice, scene: NetworkScene): void {
    const inner = innerSize(scene.geometry.line, CHART_MARGIN);
    const context = prepareCanvas(canvas, inner.width, inner.height);
    const scales = lineScales(slice, inner);
    const series = slice.line.costs.flatMap((costs, i) =>
      costs ? [{ values: costs, color: scene.colors[`series${i}`] ?? scene.colors.fg, dash: seriesStyle(i).dash }] : [],
    );
    drawSeries(context, series, (k) => scales.x(slice.line.taus[k]), scales.y, inner.width * 4);
  }
}

/** The 1-D slice's scales: τ across, J on a log axis. */
export function lineScales(slice: LossSlice, inner: { width: number; height: number }) {
  const { taus } = slice.line;
  const scales = costChartScales(
    slice.line.costs.filter((costs): costs is Float64Array => costs !== null),
    inner,
    undefined,
  );
  scales.x.domain([taus[0], taus[taus.length - 1]]);
  return scales;
}
