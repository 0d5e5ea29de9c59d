import type * as tf from './tf.js';
import { backendGeneration } from './backend.js';

/**
 * Tensors a model keeps from call to call (its data on the device), made at the first
 * `get()` and made again after a backend switch (a lost WebGL context, a forced backend),
 * whose tensors belong to the backend that made them.
 */
export class KeptTensors<T extends Record<string, tf.Tensor>> {
  private kept?: { tensors: T; generation: number };

  /** `make` returns tensors already kept (`tf.keep`), outside any tidy's reach. */
  constructor(private readonly make: () => T) {}

  get(): T {
    const generation = backendGeneration();
    if (this.kept?.generation !== generation) {
      this.dispose();
      this.kept = { tensors: this.make(), generation };
    }
    return this.kept.tensors;
  }

  /** Frees them (made again at the next `get()`). */
  dispose(): void {
    if (!this.kept) return;
    // After a lost WebGL context disposing can fail; nothing is left to free then.
    try {
      for (const tensor of Object.values(this.kept.tensors)) tensor.dispose();
    } catch {
      /* gone with its context */
    }
    this.kept = undefined;
  }
}
