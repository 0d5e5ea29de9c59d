/**
 * Minima of a formula landscape, found numerically: a batched Adam run from an 8×8 grid
 * of starts (the run the kit uses for its races; 150 steps cross the domain about one
 * and a half times), then each end point polished by damped Newton steps in float64
 * (finite differences on the tree) and kept if it is a local minimum inside the domain.
 * Duplicates merge; the lowest (within rounding) are global.
 */
import { ParticleRun } from '../run.js';
import { SLICE_MS, sliceNow, yieldMacrotask } from '../slices.js';
import { evaluate, type FormulaNode } from './formula-syntax.js';
import type { Landscape, Minimum, Vec2 } from './landscape.js';

const STARTS_PER_AXIS = 8;
const ADAM_STEPS = 150;
const MAX_MINIMA = 8;

type Point = [number, number];

function polish(node: FormulaNode, from: Point, scale: Point): Point {
  const f = (p: Point) => evaluate(node, p[0], p[1]);
  const h = [scale[0] * 1e-5, scale[1] * 1e-5];
  const gradient = (p: Point): Point => [
    (f([p[0] + h[0], p[1]]) - f([p[0] - h[0], p[1]])) / (2 * h[0]),
    (f([p[0], p[1] + h[1]]) - f([p[0], p[1] - h[1]])) / (2 * h[1]),
  ];
  let p: Point = [...from];
  for (let k = 0; k < 60; k++) {
    const g = gradient(p);
    const gx = gradient([p[0] + h[0] * 10, p[1]]);
    const gy = gradient([p[0], p[1] + h[1] * 10]);
    const a = (gx[0] - g[0]) / (h[0] * 10);
    const b = ((gx[1] - g[1]) / (h[0] * 10) + (gy[0] - g[0]) / (h[1] * 10)) / 2;
    const c = (gy[1] - g[1]) / (h[1] * 10);
    const det = a * c - b * b;
    // Newton where the Hessian is positive definite, else steepest descent.
    let d: Point = a > 0 && det > 0 ? [-(c * g[0] - b * g[1]) / det, -(a * g[1] - b * g[0]) / det] : [-g[0], -g[1]];
    if (!(Number.isFinite(d[0]) && Number.isFinite(d[1]))) break;
    const slope = d[0] * g[0] + d[1] * g[1];
    if (slope >= 0) break;
    const f0 = f(p);
    let t = 1;
    while (t > 1e-12 && !(f([p[0] + t * d[0], p[1] + t * d[1]]) <= f0 + 1e-4 * t * slope)) t /= 2;
    if (t <= 1e-12) break;
    d = [t * d[0], t * d[1]];
    p = [p[0] + d[0], p[1] + d[1]];
    if (Math.abs(d[0]) < scale[0] * 1e-13 && Math.abs(d[1]) < scale[1] * 1e-13) break;
  }
  return p;
}

/** True when no point on a small ring around p is lower (within rounding). */
function isLocalMinimum(node: FormulaNode, p: Point, scale: Point): boolean {
  const value = evaluate(node, p[0], p[1]);
  if (!Number.isFinite(value)) return false;
  const slack = 1e-9 * (1 + Math.abs(value));
  for (let k = 0; k < 8; k++) {
    const angle = (k * Math.PI) / 4;
    const q = evaluate(node, p[0] + 1e-3 * scale[0] * Math.cos(angle), p[1] + 1e-3 * scale[1] * Math.sin(angle));
    if (!(q >= value - slack)) return false;
  }
  return true;
}

/**
 * The minima found (at most 8) and a start that reaches the global one. The search
 * runs in slices of at most ~8 ms (a few Adam steps of the batched run, then a few
 * polished end points) with a macrotask between them, so a new formula never holds
 * the main thread: an element can show the landscape at once and mark its minima when
 * this resolves.
 */
export async function findMinima(landscape: Landscape, node: FormulaNode, gridRange: number): Promise<{ minima: Minimum[]; start: Vec2 }> {
  const { w1, w2 } = landscape.domain;
  const scale: Point = [w1[1] - w1[0], w2[1] - w2[0]];
  const starts: Point[] = [];
  for (let i = 0; i < STARTS_PER_AXIS; i++) {
    for (let j = 0; j < STARTS_PER_AXIS; j++) {
      starts.push([w1[0] + ((i + 0.5) * scale[0]) / STARTS_PER_AXIS, w2[0] + ((j + 0.5) * scale[1]) / STARTS_PER_AXIS]);
    }
  }
  // A flat surface has no minimum worth marking (every point is one).
  if (!(gridRange > 1e-12)) return { minima: [], start: landscape.start };
  const learningRate = Math.min(1, 0.01 * Math.max(scale[0], scale[1]));
  const run = new ParticleRun({
    landscape,
    particles: starts.map((start) => ({ start, optimizer: { type: 'adam', learningRate, decay: 0.01 } })),
    // 64 rows are far below the size where webgl pays off, and cpu needs no shader compiles.
    backend: 'cpu',
  });
  let ends: { start: Point; end: Point }[];
  try {
    // Steps per slice, sized from the measured time of the last slice.
    let size = 1;
    for (let done = 0; done < ADAM_STEPS;) {
      const k = Math.min(size, ADAM_STEPS - done);
      const began = sliceNow();
      run.step(k);
      done += k;
      const perStep = Math.max(0.05, (sliceNow() - began) / k);
      size = Math.max(1, Math.min(50, Math.floor(SLICE_MS / perStep)));
      if (done < ADAM_STEPS) await yieldMacrotask();
    }
    ends = run.particles.map((p, i) => ({ start: starts[i], end: p.points[p.points.length - 1] as Point }));
  } finally {
    run.dispose();
  }
  const inside = (p: Point) => p[0] >= w1[0] && p[0] <= w1[1] && p[1] >= w2[0] && p[1] <= w2[1];
  const found: { position: Point; value: number; starts: Point[] }[] = [];
  let sliceBegan = sliceNow();
  for (const { start, end } of ends) {
    if (sliceNow() - sliceBegan > SLICE_MS) {
      await yieldMacrotask();
      sliceBegan = sliceNow();
    }
    const polished = polish(node, end, scale);
    const endValue = evaluate(node, end[0], end[1]);
    const candidate = evaluate(node, polished[0], polished[1]) <= endValue ? polished : end;
    if (!inside(candidate) || !isLocalMinimum(node, candidate, scale)) continue;
    const same = found.find(
      (m) => Math.abs(m.position[0] - candidate[0]) <= 1e-3 * scale[0] && Math.abs(m.position[1] - candidate[1]) <= 1e-3 * scale[1],
    );
    const value = evaluate(node, candidate[0], candidate[1]);
    if (!same) found.push({ position: candidate, value, starts: [start] });
    else {
      same.starts.push(start);
      if (value < same.value) Object.assign(same, { position: candidate, value });
    }
  }
  // None found: the start stays where parseFormula put it (finite, unlike the centre of 1/(w1^2+w2^2)).
  if (!found.length) return { minima: [], start: landscape.start };
  found.sort((a, b) => a.value - b.value);
  const best = found[0].value;
  const tolerance = 1e-6 * Math.max(1, gridRange);
  const globals = found.filter((m) => m.value - best <= tolerance);
  const locals = found.filter((m) => m.value - best > tolerance).slice(0, Math.max(0, MAX_MINIMA - globals.length));
  const minima: Minimum[] = [
    ...globals.map((m) => ({ position: m.position, value: m.value, found: true })),
    ...locals.map((m) => ({ position: m.position, value: m.value, global: false, found: true })),
  ];
  // The default start: of the starts that reach the global minimum, the farthest from it.
  const goal = found[0];
  const distance = (p: Point) => Math.hypot((p[0] - goal.position[0]) / scale[0], (p[1] - goal.position[1]) / scale[1]);
  const start = goal.starts.reduce((far, p) => (distance(p) > distance(far) ? p : far));
  return { minima, start: [start[0], start[1]] };
}
