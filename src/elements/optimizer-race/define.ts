import { defineElement } from '../shared/define.js';
import { GdOptimizerRace } from './gd-optimizer-race.js';
// The race reads its optimizers from <gd-optimizer> children, so it brings that tag along.
import '../optimizer/define.js';

defineElement('gd-optimizer-race', GdOptimizerRace);

declare global {
  interface HTMLElementTagNameMap {
    'gd-optimizer-race': GdOptimizerRace;
  }
}
