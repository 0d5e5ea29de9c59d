/** The hyperparameters' names as the optimizers' panels and notes show them. */
import type { HyperparameterName } from '../../../core/index.js';

export const HYPER_LABELS: Record<HyperparameterName, string> = {
  learningRate: 'Learning rate α',
  decay: 'Decay',
  beta: 'β',
  beta1: 'β₁',
  beta2: 'β₂',
  epsilon: 'ε',
  weightDecay: 'Weight decay λ',
};
