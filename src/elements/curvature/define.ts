import { defineElement } from '../shared/define.js';
import { GdCurvature } from './gd-curvature.js';

defineElement('gd-curvature', GdCurvature);

declare global {
  interface HTMLElementTagNameMap {
    'gd-curvature': GdCurvature;
  }
}
