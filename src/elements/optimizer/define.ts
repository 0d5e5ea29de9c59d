import { defineElement } from '../shared/define.js';
import { GdOptimizer } from './gd-optimizer.js';

defineElement('gd-optimizer', GdOptimizer);

declare global {
  interface HTMLElementTagNameMap {
    'gd-optimizer': GdOptimizer;
  }
}
