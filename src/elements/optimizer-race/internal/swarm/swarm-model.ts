import {
  ParticleRun,
  backendFor,
  createRandom,
  ensureBackend,
  type BackendPreference,
  type Landscape,
  type OptimizerType,
  type Seed,
  type StepResult,
} from '../../../../core/index.js';
import { PART_ROWS, SWARM_STEPS } from '../settings.js';
import type { RaceEntry } from '../optimizers/entries.js';
import { RUNAWAY_BOUND, classifyEnd, runningClassifier, unbounded, type EndKind } from '../run/verdict.js';

/** Positions each particle's fading tail keeps (the newest included). */
export const TAIL_LENGTH = 8;

/** What a swarm runs: a landscape, the race's optimizers, how many starts, their seed. */
export interface SwarmSettings {
  landscape: Landscape;
  /** the race's optimizers, in legend order; the disabled ones stay out of the swarm */
  entries: readonly RaceEntry[];
  /** starts per optimizer */
  size: number;
  seed: Seed;
  /** where the run lives; `auto` (default) lets the workload decide */
  backend?: BackendPreference;
}

/** Where one optimizer's particles are: counts that always sum to the swarm's size. */
export interface SwarmCounts {
  global: number;
  local: number;
  saddle: number;
  diverged: number;
  moving: number;
}

export interface SwarmOptimizerTally extends SwarmCounts {
  /** the optimizer's index in the race (its legend row and colour) */
  index: number;
  label: string;
  type: OptimizerType;
  /** minima[m]: particles at the landscape's listed stationary point m */
  minima: number[];
}

export interface SwarmTally {
  /** updates made so far (at most `steps`) */
  iteration: number;
  /** the step budget: the tally is final after this many updates */
  steps: number;
  /** starts per optimizer */
  size: number;
  optimizers: SwarmOptimizerTally[];
}

/** The particles' recent positions, newest first, for drawing (a view, not a copy). */
export interface SwarmTails {
  /** optimizer index in the race, per block of `size` rows */
  optimizers: readonly number[];
  size: number;
  /** [row][slot][w1, w2], TAIL_LENGTH slots per row, a ring */
  positions: Float32Array;
  /** slot of the newest position */
  head: number;
  /** positions recorded so far (≤ TAIL_LENGTH) */
  length: number;
  /** 1 where the particle diverged (it is no longer drawn) */
  diverged: Uint8Array;
  /** whole updates made: the tails change only when it does (or on a reset) */
  iteration: number;
}

const KINDS: EndKind[] = ['global', 'local', 'saddle', 'diverged', 'moving'];
const UNKNOWN = -1;

/** `size` starts drawn uniformly over the landscape's plotted window from `seed`. */
export function swarmStarts(landscape: Landscape, size: number, seed: Seed): number[][] {
  const random = createRandom(seed);
  const [a, b] = landscape.domain.w1;
  const [c, d] = landscape.domain.w2;
  return Array.from({ length: size }, () => [a + (b - a) * random.next(), c + (d - c) * random.next()]);
}

/** One batched part of a swarm: rows `from` … `to` − 1, their run and its updates so far. */
interface SwarmPart {
  from: number;
  to: number;
  run: ParticleRun;
}

/**
 * A swarm without a DOM: the same `size` seeded random starts for every enabled
 * optimizer (a fair comparison: only the rule differs), size × optimizers rows in batched
 * `ParticleRun` parts of at most PART_ROWS rows that keep only each row's latest point,
 * stepped until SWARM_STEPS updates. An update is complete when every part has made it
 * (`advanceParts` advances the part furthest behind, one at a time). It keeps the last
 * TAIL_LENGTH positions of every particle in one flat ring (no arrays per particle,
 * however many there are) and tallies where the particles ended. Its tensors are made on
 * the first step; reading never makes any.
 */
export class SwarmModel {
  readonly key: string;
  readonly landscape: Landscape;
  readonly size: number;
  /** the race's indices of the optimizers in the swarm, block after block of rows */
  readonly optimizers: readonly number[];
  readonly starts: readonly number[][];
  private entries: readonly RaceEntry[];
  private readonly backend: BackendPreference;
  /**
   * The parts' runs, each made when it first steps (a run's tensors and its start costs
   * take a few milliseconds: hundreds of parts made at once would hold the page).
   */
  private parts: (SwarmPart | undefined)[] = [];
  /** Rows per part, fixed at the first step (the backend decides it). */
  private rowsPerPart?: number;
  /** Updates every part has made. */
  private completed = 0;
  /** Parts that made the update after `completed` (they step in order, one at a time). */
  private cursor = 0;
  private disposed = false;
  private readonly positions: Float32Array;
  private readonly diverged: Uint8Array;
  /** 1 where the particle has stopped (converged or diverged): the tally reads a particle's state only then */
  private readonly stopped: Uint8Array;
  private head = 0;
  private length = 1;
  /** A stopped particle's end, worked out once (its kind, then its minimum), UNKNOWN until then. */
  private readonly stoppedKind: Int8Array;
  private readonly stoppedMinimum: Int16Array;
  private tallied?: SwarmTally;
  /** The minima the classifications were made with: a formula's are found after it is drawn. */
  private talliedMinima?: Landscape['minima'];

  constructor(settings: SwarmSettings) {
    this.key = SwarmModel.keyOf(settings);
    this.landscape = settings.landscape;
    this.size = Math.max(0, Math.floor(settings.size));
    this.entries = settings.entries;
    this.backend = settings.backend ?? 'auto';
    this.optimizers = settings.entries.flatMap((entry, i) => (entry.disabled ? [] : [i]));
    this.starts = swarmStarts(settings.landscape, this.size, settings.seed);
    const rows = this.rows;
    this.positions = new Float32Array(rows * TAIL_LENGTH * 2);
    this.diverged = new Uint8Array(rows);
    this.stopped = new Uint8Array(rows);
    this.stoppedKind = new Int8Array(rows);
    this.stoppedMinimum = new Int16Array(rows);
    this.clear();
  }

  /** What decides the swarm: a model whose key differs must be rebuilt. */
  static keyOf({ landscape, entries, size, seed, backend }: SwarmSettings): string {
    const racing = entries.map((entry, i) => (entry.disabled ? null : [i, entry.type, entry.hyperparameters]));
    return JSON.stringify([`${landscape.id}|${landscape.tex}`, racing, size, seed, backend ?? 'auto']);
  }

  /** The race's optimizers again, for labels changed since (the key, so the run, is the same). */
  relabel(entries: readonly RaceEntry[]): void {
    if (entries.every((entry, i) => entry.label === this.entries[i]?.label)) return;
    this.entries = entries;
    this.tallied = undefined;
  }

  /** Particles in all: starts × optimizers. */
  get rows(): number {
    return this.size * this.optimizers.length;
  }

  /** Whether any part's run is made. */
  get built(): boolean {
    return this.parts.some((part) => part !== undefined);
  }

  get iteration(): number {
    return this.completed;
  }

  /** Batched parts of the run: `advanceParts` steps one at a time. */
  get partCount(): number {
    return this.rows ? Math.ceil(this.rows / this.partRows()) : 0;
  }

  /** The budget is spent (or there is nothing to run): the tally is final. */
  get finished(): boolean {
    return this.rows === 0 || this.iteration >= SWARM_STEPS;
  }

  /** Makes the part the next update starts with (its run and rows), without an update. */
  prepare(): void {
    if (this.rows && !this.finished) this.part(this.cursor);
  }

  /** The backend the run lives on (makes its first part if needed). */
  get backendName(): string {
    return this.rows ? this.part(0).run.backend : 'none';
  }

  /** Part updates still to make for `count` more whole updates (none past SWARM_STEPS). */
  partUpdatesFor(count: number): number {
    const k = Math.max(0, Math.min(Math.floor(count), SWARM_STEPS - this.iteration));
    return k > 0 ? k * this.partCount - this.cursor : 0;
  }

  /** Makes up to `count` whole updates now, none past SWARM_STEPS; returns how many. */
  step(count: number): number {
    const before = this.completed;
    this.advanceParts(this.partUpdatesFor(count));
    return this.completed - before;
  }

  /**
   * Advances the part furthest behind by one update, `count` times (none past
   * SWARM_STEPS), for a play loop that spends a frame's budget part by part and for
   * `step(n)` sliced by part updates. Returns the part updates made (fewer than `count`
   * only at the budget's end). A part's new positions go to the tails' next slot, shown
   * once every part has them.
   */
  advanceParts(count: number): number {
    if (this.disposed) throw new Error('this SwarmModel was disposed');
    const parts = this.partCount;
    let made = 0;
    while (made < count && parts > 0 && this.completed < SWARM_STEPS) {
      const part = this.part(this.cursor);
      const { stopped } = part.run.step(1);
      this.record(part, (this.head + 1) % TAIL_LENGTH, stopped);
      made++;
      if (++this.cursor === parts) {
        this.cursor = 0;
        this.completed++;
        this.advanceTail();
        this.tallied = undefined;
      }
    }
    return made;
  }

  /**
   * Back to iteration 0 from the same starts. The parts' runs go (their tensors freed) and
   * are made again as they step: resetting hundreds of runs at once would hold the page.
   */
  reset(): void {
    this.disposeParts();
    // Made again from scratch: the backend the workload calls for may have been measured since.
    this.rowsPerPart = undefined;
    this.completed = 0;
    this.cursor = 0;
    this.clear();
  }

  /** The particles' recent positions, for drawing. */
  tails(): SwarmTails {
    return {
      optimizers: this.optimizers,
      size: this.size,
      positions: this.positions,
      head: this.head,
      length: this.length,
      diverged: this.diverged,
      iteration: this.completed,
    };
  }

  /** Each particle's latest position, [row][w1, w2] (a copy). */
  endPositions(): Float32Array {
    const out = new Float32Array(this.rows * 2);
    for (let row = 0; row < this.rows; row++) {
      const at = (row * TAIL_LENGTH + this.head) * 2;
      out[row * 2] = this.positions[at];
      out[row * 2 + 1] = this.positions[at + 1];
    }
    return out;
  }

  /**
   * Where every enabled optimizer's particles are now: at a global or a local minimum,
   * at a saddle, diverged, or still moving (see `classifyEnd`). Worked out once per
   * iteration; a stopped particle is classified once.
   */
  tally(): SwarmTally {
    const iteration = this.iteration;
    const { landscape, size } = this;
    // New minima (a formula's search finished): every stopped particle is judged again.
    if (this.talliedMinima !== landscape.minima) {
      this.talliedMinima = landscape.minima;
      this.stoppedKind.fill(UNKNOWN);
      this.tallied = undefined;
    }
    if (this.tallied?.iteration === iteration) return this.tallied;
    const running = runningClassifier(landscape);
    const optimizers = this.optimizers.map((index, block): SwarmOptimizerTally => {
      const entry = this.entries[index];
      const counts: SwarmOptimizerTally = {
        index,
        label: entry.label,
        type: entry.type,
        global: 0,
        local: 0,
        saddle: 0,
        diverged: 0,
        moving: 0,
        minima: landscape.minima.map(() => 0),
      };
      for (let i = 0; i < size; i++) {
        const row = block * size + i;
        let kind: EndKind;
        let minimum: number;
        // Only a stopped particle's state is read (once, for its end): reading a running
        // one's made the run write out every latest-only state, 4,000 of them a frame.
        if (this.stopped[row]) {
          if (this.stoppedKind[row] === UNKNOWN) {
            const particle = this.particle(row)!;
            const end = classifyEnd(
              landscape,
              particle.status,
              particle.points[particle.points.length - 1],
              particle.costs[particle.costs.length - 1],
            );
            this.stoppedKind[row] = KINDS.indexOf(end.kind);
            this.stoppedMinimum[row] = end.minimum;
          }
          kind = KINDS[this.stoppedKind[row]];
          minimum = this.stoppedMinimum[row];
        } else {
          const at = (row * TAIL_LENGTH + this.head) * 2;
          // A running particle's end needs only its position (its cost decides nothing).
          ({ kind, minimum } = running(this.positions[at], this.positions[at + 1]));
        }
        counts[kind]++;
        if (minimum >= 0) counts.minima[minimum]++;
      }
      return counts;
    });
    this.tallied = { iteration, steps: SWARM_STEPS, size, optimizers };
    return this.tallied;
  }

  /** Frees the tensors and keeps the positions: a later step rebuilds them. */
  releaseTensors(): void {
    for (const part of this.parts) part?.run.releaseTensors();
  }

  dispose(): void {
    this.disposeParts();
    this.disposed = true;
  }

  private disposeParts(): void {
    for (const part of this.parts) part?.run.dispose();
    this.parts = [];
  }

  /** Part `index`, its run made now if it is not made yet. */
  private part(index: number): SwarmPart {
    const made = this.parts[index];
    if (made) return made;
    ensureBackend();
    const rows = this.partRows();
    const from = index * rows;
    const to = Math.min(this.rows, from + rows);
    // One optimizer object per optimizer: the run resolves each object once, not each row's.
    const optimizers = this.optimizers.map((index) => {
      const { type, hyperparameters } = this.entries[index];
      return { type, ...hyperparameters };
    });
    const particles = [];
    for (let row = from; row < to; row++)
      particles.push({ start: this.starts[row % this.size], optimizer: optimizers[Math.floor(row / this.size)] });
    const { landscape } = this;
    const run = new ParticleRun({
      landscape,
      // Without a minimum, |w| past a thousand is already a runaway (J falls without end).
      ...(unbounded(landscape) ? { bound: RUNAWAY_BOUND } : {}),
      backend: this.backend,
      trajectory: 'latest',
      particles,
    });
    const part = { from, to, run };
    this.parts[index] = part;
    // Rows whose start is already out of bounds (or its cost not finite) diverged at step 0.
    run.particles.forEach((particle, i) => {
      if (particle.status === 'diverged') this.diverged[from + i] = this.stopped[from + i] = 1;
    });
    return part;
  }

  /**
   * Rows per part: PART_ROWS on the cpu backend, where an update's cost grows with its
   * rows; all of them in one part where the whole swarm goes to webgl (forced, or a GPU
   * measured faster for this many rows), whose cost is per kernel, not per row.
   */
  private partRows(): number {
    if (this.rowsPerPart === undefined) {
      const whole = this.backend === 'webgl' || (this.backend === 'auto' && backendFor(this.rows) === 'webgl');
      this.rowsPerPart = whole ? Math.max(1, this.rows) : PART_ROWS;
    }
    return this.rowsPerPart;
  }

  /** A particle's state in its part's run, by its row in the swarm (undefined before the part is made). */
  private particle(row: number) {
    const part = this.parts[Math.floor(row / this.partRows())];
    return part?.run.particles[row - part.from];
  }

  /** Every tail back to its start alone. */
  private clear(): void {
    this.head = 0;
    this.length = 1;
    this.diverged.fill(0);
    this.stopped.fill(0);
    this.stoppedKind.fill(UNKNOWN);
    this.stoppedMinimum.fill(-1);
    this.tallied = undefined;
    for (let block = 0; block < this.optimizers.length; block++) {
      for (let i = 0; i < this.size; i++) {
        const at = (block * this.size + i) * TAIL_LENGTH * 2;
        this.positions[at] = this.starts[i][0];
        this.positions[at + 1] = this.starts[i][1];
      }
    }
  }

  private advanceTail(): void {
    this.head = (this.head + 1) % TAIL_LENGTH;
    this.length = Math.min(TAIL_LENGTH, this.length + 1);
  }

  /** Copies a part's latest positions into the ring's `slot`, and marks the rows that diverged just now. */
  private record(part: SwarmPart, slot: number, stopped: StepResult['stopped']): void {
    const latest = part.run.positions;
    for (let i = 0; i < part.to - part.from; i++) {
      const at = ((part.from + i) * TAIL_LENGTH + slot) * 2;
      this.positions[at] = latest[2 * i];
      this.positions[at + 1] = latest[2 * i + 1];
    }
    for (const { index, status } of stopped) {
      this.stopped[part.from + index] = 1;
      if (status === 'diverged') this.diverged[part.from + index] = 1;
    }
  }
}
