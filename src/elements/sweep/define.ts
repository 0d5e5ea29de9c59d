import { defineElement } from '../shared/define.js';
import { GdSweep } from './gd-sweep.js';

defineElement('gd-sweep', GdSweep);

declare global {
  interface HTMLElementTagNameMap {
    'gd-sweep': GdSweep;
  }
}
