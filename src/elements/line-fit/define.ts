import { defineElement } from '../shared/define.js';
import { GdLineFit } from './gd-line-fit.js';

defineElement('gd-line-fit', GdLineFit);

declare global {
  interface HTMLElementTagNameMap {
    'gd-line-fit': GdLineFit;
  }
}
