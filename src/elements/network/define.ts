import { defineElement } from '../shared/define.js';
import { GdNetwork } from './gd-network.js';
// The network reads its racers from <gd-optimizer> children, so it brings that tag along.
import '../optimizer/define.js';

defineElement('gd-network', GdNetwork);

declare global {
  interface HTMLElementTagNameMap {
    'gd-network': GdNetwork;
  }
}
