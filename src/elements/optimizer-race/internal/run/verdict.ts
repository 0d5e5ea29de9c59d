import { evaluateGrid, type Landscape } from '../../../../core/index.js';

/**
 * What a stopped optimizer found. "Converged" alone would call a local minimum or a
 * saddle a success; the legend says which it is.
 */
export type Verdict =
  | { kind: 'global' }
  | { kind: 'local'; globalCost: number }
  | { kind: 'saddle' }
  | { kind: 'minimum' }
  | { kind: 'diverged' }
  | { kind: 'ran-away' };

/** Beyond this |w| an optimizer on a landscape without a minimum has run away (J → −∞). */
export const RUNAWAY_BOUND = 1e3;

/** Whether J has no minimum at all (the saddle): every listed stationary point is a saddle. */
export function unbounded(landscape: Landscape): boolean {
  return landscape.minima.length > 0 && landscape.minima.every((m) => m.kind === 'saddle');
}

/** The lowest published cost of a true minimum, or undefined when none is listed. */
function globalCost(landscape: Landscape): number | undefined {
  const values = landscape.minima.filter((m) => m.kind !== 'saddle' && m.global !== false).map((m) => m.value);
  return values.length ? Math.min(...values) : undefined;
}

/**
 * Classifies where an optimizer stopped: a diverged one ran away on a landscape with no
 * minimum; a converged one is matched with the stationary points the landscape lists,
 * and where none is near, the numeric Hessian decides between a minimum and a saddle.
 */
export function verdictOf(landscape: Landscape, status: 'converged' | 'diverged', point: readonly number[], cost: number): Verdict {
  if (status === 'diverged') return { kind: unbounded(landscape) ? 'ran-away' : 'diverged' };
  const { w1, w2 } = landscape.domain;
  const span = Math.max(w1[1] - w1[0], w2[1] - w2[0]);
  const best = globalCost(landscape);
  const near = landscape.minima.find((m) => Math.hypot(m.position[0] - point[0], m.position[1] - point[1]) < 0.01 * span);
  const close = (value: number) => Math.abs(cost - value) <= 1e-3 * Math.max(1, Math.abs(value));
  if (near?.kind === 'saddle') return { kind: 'saddle' };
  if (near) return near.global === false && best !== undefined && !close(best) ? { kind: 'local', globalCost: best } : { kind: 'global' };
  if (!positiveDefinite(landscape, point, 1e-3 * span)) return { kind: 'saddle' };
  if (best === undefined) return { kind: 'minimum' };
  return close(best) ? { kind: 'global' } : { kind: 'local', globalCost: best };
}

/** The Hessian at `point` from a 3×3 stencil of spacing h: positive definite means a minimum. */
function positiveDefinite(landscape: Landscape, point: readonly number[], h: number): boolean {
  const [x, y] = point;
  // Row-major, w₂ down the rows: v[r * 3 + c] = J(x + (c − 1)h, y + (r − 1)h).
  const v = evaluateGrid(landscape, { n: 3, domain: { w1: [x - h, x + h], w2: [y - h, y + h] } }).values;
  const hxx = (v[5] - 2 * v[4] + v[3]) / (h * h);
  const hyy = (v[7] - 2 * v[4] + v[1]) / (h * h);
  const hxy = (v[8] - v[6] - v[2] + v[0]) / (4 * h * h);
  return hxx > 0 && hxx * hyy - hxy * hxy > 0;
}

/** The legend's words for a verdict (`at`: the step it stopped at, formatted). */
export function verdictWords(verdict: Verdict, at: string, cost: string, format: (value: number) => string): string {
  switch (verdict.kind) {
    case 'global':
      return `reached the global minimum at step ${at} · J = ${cost}`;
    case 'minimum':
      return `reached a minimum at step ${at} · J = ${cost}`;
    case 'local':
      return `stuck in a local minimum at step ${at} · J = ${cost} (global J = ${format(verdict.globalCost)})`;
    case 'saddle':
      return `at a saddle since step ${at} (gradient ≈ 0, not a minimum) · J = ${cost}`;
    case 'ran-away':
      return `ran away at step ${at} (J has no minimum)`;
    case 'diverged':
      return `diverged at step ${at}`;
  }
}

/** Where one particle of a swarm (or one basin-map cell) ended up when the step budget ran out. */
export type EndKind = 'global' | 'local' | 'saddle' | 'diverged' | 'moving';

export interface End {
  kind: EndKind;
  /** index into `landscape.minima` of the stationary point it reached, or −1 */
  minimum: number;
}

/**
 * `classifyEnd` for particles still running, made once per landscape for many calls (a
 * swarm's tally judges up to 160,000 particles): the listed points whose reach could hold
 * a particle are found by squared distance first, and only those get the exact distance
 * `classifyEnd` compares, so the answers are the same.
 */
export function runningClassifier(landscape: Landscape): (x: number, y: number) => End {
  const { w1, w2 } = landscape.domain;
  const reach = 0.01 * Math.max(w1[1] - w1[0], w2[1] - w2[0]);
  const minima = landscape.minima.map((m, i) => {
    const end: End = { kind: m.kind === 'saddle' ? 'saddle' : m.global === false ? 'local' : 'global', minimum: i };
    return { x: m.position[0], y: m.position[1], end };
  });
  const moving: End = { kind: 'moving', minimum: -1 };
  // Squared distances a little past the reach still get the exact test: rounding cannot move a particle across it.
  const near = reach * reach * (1 + 1e-9);
  return (x, y) => {
    let found = moving;
    let nearest = reach;
    for (const m of minima) {
      const dx = m.x - x;
      const dy = m.y - y;
      if (!(dx * dx + dy * dy <= near)) continue;
      const distance = Math.hypot(dx, dy);
      if (distance < nearest) [found, nearest] = [m.end, distance];
    }
    return found;
  };
}

/**
 * Classifies a particle at the end of a swarm's budget. A particle within 1 % of the
 * window of a listed stationary point has reached it, stopped or not (near a minimum a
 * float32 run may creep for a long time before the convergence test fires); one that
 * stopped elsewhere is judged as the race's legend judges it; the rest are still moving.
 */
export function classifyEnd(
  landscape: Landscape,
  status: 'running' | 'converged' | 'diverged',
  point: readonly number[],
  cost: number,
): End {
  if (status === 'diverged') return { kind: 'diverged', minimum: -1 };
  const { w1, w2 } = landscape.domain;
  const reach = 0.01 * Math.max(w1[1] - w1[0], w2[1] - w2[0]);
  // A plain loop: a swarm's tally runs this for thousands of particles a frame.
  let minimum = -1;
  let nearest = reach * reach;
  const minima = landscape.minima;
  for (let i = 0; i < minima.length; i++) {
    const dx = minima[i].position[0] - point[0];
    const dy = minima[i].position[1] - point[1];
    const distance = dx * dx + dy * dy;
    if (distance < nearest) {
      minimum = i;
      nearest = distance;
    }
  }
  if (minimum >= 0) {
    const m = landscape.minima[minimum];
    const kind = m.kind === 'saddle' ? 'saddle' : m.global === false ? 'local' : 'global';
    return { kind, minimum };
  }
  if (status === 'running') return { kind: 'moving', minimum: -1 };
  const verdict = verdictOf(landscape, status, point, cost);
  if (verdict.kind === 'local' || verdict.kind === 'saddle' || verdict.kind === 'global') return { kind: verdict.kind, minimum: -1 };
  if (verdict.kind === 'minimum') return { kind: 'global', minimum: -1 };
  return { kind: 'diverged', minimum: -1 };
}
