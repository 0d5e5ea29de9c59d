import { html, type TemplateResult } from 'lit';
import { getOptimizer, type HyperparameterName } from '../../../core/index.js';
import { ruleLines, ruleMemory, DECAY_TEX } from '../formulas.js';
import { tex } from '../tex.js';
import { renderSwatch } from '../plot/series-style.js';
import { HYPER_LABELS } from './labels.js';
import type { OptimizerEntry } from './entries.js';

export interface PanelsOptions {
  entries: readonly OptimizerEntry[];
  setEnabled: (index: number, enabled: boolean) => void;
  setHyperparameter: (index: number, name: HyperparameterName, input: HTMLInputElement) => void;
  /** The word on each card's switch (a race's "Racing"). */
  enabledLabel?: string;
}

/** One card per optimizer: its switch, its update rule and its hyperparameters (`optimizerPanelStyles` styles them). */
export function renderPanels({ entries, setEnabled, setHyperparameter, enabledLabel = 'Racing' }: PanelsOptions): TemplateResult {
  return html`<section class="optimizers" part="optimizers" aria-label="Optimizer settings">
    <p class="panel-intro">
      Each optimizer's update rule, with dW = ∂J/∂W and t the updates made so far; the learning rate decays as ${tex(DECAY_TEX)}.
    </p>
    <div class="cards">
      ${entries.map((entry, i) => {
        const rule = getOptimizer(entry.type)!;
        const names: HyperparameterName[] = [
          'learningRate',
          'decay',
          ...rule.hyperparameters.filter((h) => h !== 'learningRate' && h !== 'decay'),
        ];
        return html`<fieldset class="card ${entry.disabled ? 'off' : ''}">
          <legend>${renderSwatch(i)}<span>${entry.label}</span></legend>
          <label class="enable"
            ><input
              type="checkbox"
              .checked=${!entry.disabled}
              @change=${(event: Event) => setEnabled(i, (event.target as HTMLInputElement).checked)}
            />${enabledLabel}</label
          >
          <div class="rule" tabindex="0" role="group" aria-label="${entry.label} update rule">
            ${ruleLines(rule.tex).map((line) => html`<div class="rule-line">${tex(line)}</div>`)}
          </div>
          <p class="memory">${ruleMemory(entry.type)}</p>
          <div class="hypers">
            ${names.map(
              (name) =>
                html`<label class="field">
                  <span>${HYPER_LABELS[name]}</span>
                  <input
                    type="number"
                    step="any"
                    min="0"
                    .value=${String(entry.hyperparameters[name])}
                    @change=${(event: Event) => setHyperparameter(i, name, event.target as HTMLInputElement)}
                  />
                </label>`,
            )}
          </div>
        </fieldset>`;
      })}
    </div>
  </section>`;
}
