import { sliceNow } from '../../../../core/slices.js';
import { SWARM_STEPS } from '../settings.js';
import { SwarmModel, type SwarmSettings, type SwarmTails, type SwarmTally } from './swarm-model.js';

export interface SwarmRunOptions {
  /** Time the swarm may take per animation frame while playing (default 5 ms). */
  budgetMs?: number;
  /** Clock (default the slice clock, `sliceNow`). */
  now?: () => number;
}

/**
 * The race's swarm over its lifetime: the model for the settings in force (rebuilt only
 * when the landscape, the optimizers, the size or the seed change, never for a new start
 * of the race), its play pace and its tensors. While playing, it makes as many updates
 * per frame as fit a fixed time budget, measured from the updates before, so a large
 * swarm slows itself down instead of the race's own four runs or the page.
 */
export class SwarmRun {
  private swarm?: SwarmModel;
  /** Measured milliseconds per part update (0 until measured): the swarm steps part by part. */
  private msPerPart = 0;
  /** Frame time saved up for the swarm (ms): an update dearer than one frame's budget waits for enough of it. */
  private credit = 0;
  /**
   * Part updates the race's pace asked of the swarm that no frame's budget held yet (a
   * cold start, a slow frame): later frames make them up, so the swarm keeps level with
   * the race instead of trailing it for the rest of its 500 updates.
   */
  private owed = 0;
  private readonly budgetMs: number;
  private readonly now: () => number;

  constructor(options: SwarmRunOptions = {}) {
    this.budgetMs = options.budgetMs ?? 5;
    this.now = options.now ?? sliceNow;
  }

  /** The swarm in force, or undefined when swarm mode is off. */
  get model(): SwarmModel | undefined {
    return this.swarm;
  }

  /** Follows the settings (undefined: swarm mode off); returns whether the swarm was rebuilt or removed. */
  sync(settings: SwarmSettings | undefined): boolean {
    const key = settings && settings.size > 0 ? SwarmModel.keyOf(settings) : undefined;
    if (key === this.swarm?.key) {
      if (settings) this.swarm?.relabel(settings.entries);
      return false;
    }
    this.swarm?.dispose();
    this.swarm = key ? new SwarmModel(settings!) : undefined;
    this.msPerPart = 0;
    this.credit = 0;
    this.owed = 0;
    return true;
  }

  /** No swarm, or its budget is spent: it asks nothing more of the play loop. */
  get settled(): boolean {
    return this.swarm?.finished ?? true;
  }

  /**
   * One animation frame's work while playing: the race's own updates this frame (`limit`,
   * so the speed setting governs both) and any it owes from frames before, as many part
   * updates of them as the time budget holds. Each frame adds its budget to a small
   * credit; a part update dearer than one frame's budget waits until the credit covers
   * it, so the swarm takes about `budgetMs` per frame on average, whatever its size, and
   * is never ahead of the race's pace. Returns the whole updates completed.
   */
  advanceForFrame(limit: number): number {
    const swarm = this.swarm;
    if (!swarm || swarm.finished) return 0;
    const asked = Math.min(limit * swarm.partCount + this.owed, swarm.partUpdatesFor(SWARM_STEPS));
    if (!swarm.built) {
      // The first frame makes the swarm's first part and no update: the two, with the
      // race's first frame and paint, held a fresh page's frame for over 50 ms.
      swarm.prepare();
      this.owed = asked;
      return 0;
    }
    // Up to four frames' worth: a swarm that waited never bursts past one part's need.
    this.credit = Math.min(this.credit + this.budgetMs, Math.max(4 * this.budgetMs, this.msPerPart));
    // Unmeasured yet: one part update, to measure it.
    const fit = this.msPerPart > 0 ? Math.floor(this.credit / this.msPerPart) : 1;
    const count = Math.min(asked, fit);
    if (count < 1) {
      this.owed = asked;
      return 0;
    }
    const before = swarm.iteration;
    const begin = this.now();
    // Part by part, the clock read after each: a part dearer than measured (a cold start,
    // a collection) ends the frame's share at its credit instead of stretching the frame.
    let made = 0;
    while (made < count && swarm.advanceParts(1) === 1) {
      made++;
      if (this.now() - begin >= this.credit) break;
    }
    const spent = this.now() - begin;
    this.measure(spent, made);
    this.owed = asked - made;
    this.credit = Math.max(0, this.credit - spent);
    return swarm.iteration - before;
  }

  /** Exactly `k` updates (none past the swarm's budget of steps) now; returns how many. */
  step(k: number): number {
    const swarm = this.swarm;
    return swarm && !swarm.finished ? this.timed(swarm.partUpdatesFor(k), () => swarm.step(k)) : 0;
  }

  /** Part updates still to make for `k` more whole updates: what `step(n)` slices. */
  partUpdatesFor(k: number): number {
    return this.swarm?.partUpdatesFor(k) ?? 0;
  }

  /**
   * Up to `count` part updates now (a slice of `step(n)`); returns how many were made,
   * fewer only when the swarm's budget of steps ran out.
   */
  stepParts(count: number): number {
    const swarm = this.swarm;
    return swarm && !swarm.finished ? this.timed(count, (n) => swarm.advanceParts(n)) : 0;
  }

  reset(): void {
    this.swarm?.reset();
    this.owed = 0;
  }

  tally(): SwarmTally | undefined {
    return this.swarm?.tally();
  }

  /**
   * The tally for these settings without touching the swarm in force: its own when it is
   * the swarm of these settings, else (before the first update) a swarm without tensors
   * tallied at its starts, as `trajectories` reads a race not yet built.
   */
  tallyFor(settings: SwarmSettings | undefined): SwarmTally | undefined {
    if (!settings || !(settings.size > 0)) return undefined;
    const swarm = this.swarm?.key === SwarmModel.keyOf(settings) ? this.swarm : new SwarmModel(settings);
    return swarm.tally();
  }

  tails(): SwarmTails | undefined {
    return this.swarm?.tails();
  }

  /** Frees the tensors (the race left the page); the positions stay for a later step. */
  releaseTensors(): void {
    this.swarm?.releaseTensors();
  }

  dispose(): void {
    this.swarm?.dispose();
    this.swarm = undefined;
  }

  /** Runs `work` (about `parts` part updates) and keeps the measured time per part update. */
  private timed(parts: number, work: (parts: number) => number): number {
    const swarm = this.swarm!;
    const wasBuilt = swarm.built;
    const begin = this.now();
    const made = work(parts);
    // The first call also makes the tensors: not a fair measure of an update.
    if (wasBuilt) this.measure(this.now() - begin, parts);
    return made;
  }

  /** Folds `ms` spent on `parts` part updates into the measured cost per part. */
  private measure(ms: number, parts: number): void {
    if (parts <= 0) return;
    const each = ms / parts;
    this.msPerPart = this.msPerPart > 0 ? 0.7 * this.msPerPart + 0.3 * each : each;
  }
}
