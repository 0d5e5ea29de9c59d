import type { RaceModel } from './race-model.js';

/** A path of an earlier run, kept faded on the map after a setting changed: before and after side by side. */
export interface Ghost {
  label: string;
  /** the optimizer's place in the legend (its colour) */
  index: number;
  points: [number, number][];
}

/** The most points a ghost keeps (a long run is thinned evenly; it is a faded reminder, not data). */
const GHOST_POINTS = 400;

/**
 * The ghosts after `previous` is replaced by `next`: when only optimizer settings changed
 * (the same landscape and start) and the race had taken steps, its paths join the ghosts;
 * a new landscape or start clears them.
 */
export function ghostsAfter(previous: RaceModel | undefined, next: RaceModel, kept: readonly Ghost[]): Ghost[] {
  if (!previous) return [];
  const scene = (model: RaceModel) => JSON.stringify((JSON.parse(model.key) as unknown[]).slice(0, 2));
  if (scene(previous) !== scene(next)) return [];
  if (previous.iteration === 0) return [...kept];
  const added = previous
    .trajectories()
    .map((t, index) => ({ t, index }))
    .filter(({ t }) => t.enabled && t.points.length > 1)
    .map(({ t, index }) => ({ label: `${t.label} (before)`, index, points: thin(t.points) }));
  // The newest few only: older ones would crowd the map.
  return [...kept, ...added].slice(-8);
}

function thin(points: [number, number][]): [number, number][] {
  if (points.length <= GHOST_POINTS) return points;
  const every = points.length / GHOST_POINTS;
  const out = Array.from({ length: GHOST_POINTS }, (_, k) => points[Math.floor(k * every)]);
  out.push(points[points.length - 1]);
  return out;
}
