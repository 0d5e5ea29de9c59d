/**
 * Renders one widget from URL parameters, for LMS pages that only allow iframes:
 *   embed.html?widget=race&landscape=rosenbrock&start=-1.5,2&optimizer=sgd:0.001&optimizer=adam:0.02
 *   embed.html?widget=line-fit&size=1000&learning-rate=0.05
 *   embed.html?widget=curvature&curvature=3&learning-rate=0.6
 *   embed.html?widget=sweep&landscape=bowl&optimizer=momentum&y=beta
 *   embed.html?widget=network&task=spiral&layers=8,8&optimizer=sgd:0.3&optimizer=adam:0.01
 * Every other parameter becomes an attribute; the element validates it (a bad value
 * keeps the last good one and shows a note), so nothing from the URL reaches innerHTML.
 * `theme` may also be `host`, `share=off` drops the share buttons, and `state` (the
 * widget's toJSON()) restores a whole widget; the page keeps its own URL equal to the
 * widget's state. The height, theme and sharing protocol is described in embed-share.ts.
 */
import '../src/index.js';
import { createShareBar, embedCode, followTheme, postHeights, stateUrl, writeStateToUrl } from './embed-share.js';

// A Map, not an object literal: `widget=__proto__` or `widget=toString` must not find
// Object.prototype's members.
const WIDGETS = new Map<string, string>([
  ['race', 'gd-optimizer-race'],
  ['optimizer-race', 'gd-optimizer-race'],
  ['line-fit', 'gd-line-fit'],
  ['curvature', 'gd-curvature'],
  ['sweep', 'gd-sweep'],
  ['network', 'gd-network'],
]);

/** The elements whose optimizers are <gd-optimizer> children (URL parameters `optimizer=…`). */
const RACING = new Set(['gd-optimizer-race', 'gd-network']);

const params = new URLSearchParams(location.search);
const widget = params.get('widget') ?? 'race';
const tag = WIDGETS.get(widget);

if (!tag) {
  const message = document.createElement('p');
  message.className = 'embed-error';
  const shown = widget.length > 40 ? `${widget.slice(0, 40)}…` : widget;
  message.textContent = `Unknown widget "${shown}". Use one of: race, line-fit, curvature, sweep, network.`;
  document.body.append(message);
  postHeights(message);
} else {
  const element = document.createElement(tag);
  if (!customElements.get(tag)) {
    // gd-kit fetches <gd-network> when the document first has one: one in the page, it is
    // defined, and its attributes known, once that module is in.
    element.hidden = true;
    document.body.append(element);
    await customElements.whenDefined(tag);
    element.remove();
    element.hidden = false;
  }
  const accepted = new Set((customElements.get(tag) as unknown as { observedAttributes?: string[] }).observedAttributes ?? []);
  for (const [name, value] of params) {
    // A race's or a network's optimizers are children; the theme (which may be `host`) is followTheme's.
    if (name === 'widget' || name === 'theme' || name === 'share' || (name === 'optimizer' && RACING.has(tag))) continue;
    if (accepted.has(name)) element.setAttribute(name, value);
    else
      console.warn(
        `gd-kit embed: ignored URL parameter "${name.length > 40 ? `${name.slice(0, 40)}…` : name}" (not an attribute of <${tag}>).`,
      );
  }
  if (RACING.has(tag)) {
    // optimizer=TYPE[:LEARNING_RATE[:LABEL]] — one child per parameter, in order. Only
    // the first two colons separate: a label keeps every character ("GD: α = 0.01").
    for (const spec of params.getAll('optimizer')) {
      const [type, learningRate, label] = splitSpec(spec);
      const child = document.createElement('gd-optimizer');
      child.setAttribute('type', type);
      if (learningRate) child.setAttribute('learning-rate', learningRate);
      if (label) child.setAttribute('label', label);
      element.append(child);
    }
  }
  document.body.append(element);
  const widgetElement = element as HTMLElement & { theme: string; toJSON(): Record<string, unknown> };
  followTheme(widgetElement, params.get('theme'));
  writeStateToUrl(widgetElement);
  if (params.get('share') !== 'off') {
    const link = () => new URL(stateUrl(widgetElement), location.href).href;
    const height = () => Math.ceil(document.documentElement.getBoundingClientRect().height);
    document.body.append(createShareBar({ link, code: () => embedCode(link(), `Interactive figure: <${tag}>`, height()) }));
  }
  postHeights(element);
}

function splitSpec(spec: string): [string, string | undefined, string | undefined] {
  const first = spec.indexOf(':');
  if (first < 0) return [spec, undefined, undefined];
  const second = spec.indexOf(':', first + 1);
  if (second < 0) return [spec.slice(0, first), spec.slice(first + 1), undefined];
  return [spec.slice(0, first), spec.slice(first + 1, second), spec.slice(second + 1)];
}
