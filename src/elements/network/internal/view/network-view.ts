import { html, type TemplateResult } from 'lit';
import { renderPanels, type PanelsOptions } from '../../../shared/optimizers/panels.js';
import {
  renderCharts,
  renderControls,
  renderFormula,
  renderLegend,
  renderLine,
  renderMaps,
  renderSettings,
  renderSlice,
  type NetworkView,
} from './templates.js';

/** The whole network from a plain view: the four figures, the formula, the legend, the controls and the panels. */
export function renderNetwork(
  view: NetworkView,
  parts: { caption: TemplateResult; notes: TemplateResult; panels: Omit<PanelsOptions, 'entries'> },
): TemplateResult {
  return html`${parts.caption}
    <div class="network ${view.geometry.wide ? 'wide' : 'narrow'}">
      <div class="figures">${renderMaps(view)} ${renderSlice(view)} ${renderCharts(view)} ${renderLine(view)}</div>
      ${renderFormula(view)} ${renderLegend(view)} ${renderControls(view)} ${parts.notes} ${renderSettings(view)}
      ${renderPanels({ entries: view.model.entries, ...parts.panels })}
    </div>`;
}
