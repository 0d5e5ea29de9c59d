/**
 * Renders one widget from URL parameters, for LMS pages that only allow iframes:
 *   embed.html?widget=race&landscape=rosenbrock&start=-1.5,2&optimizer=sgd:0.001&optimizer=adam:0.02
 *   embed.html?widget=line-fit&size=1000&learning-rate=0.05
 *   embed.html?widget=curvature&curvature=3&learning-rate=0.6
 * Every other parameter becomes an attribute; the element validates it (a bad value keeps the last good one and shows a note), so
 * nothing from the URL reaches innerHTML. The frame's height follows its content: the
 * page posts `{ type: 'gd-kit:resize', height }` to its parent on every size change.
 */
import '../src/index.js';

const WIDGETS: Record<string, string> = {
  race: 'gd-optimizer-race',
  'optimizer-race': 'gd-optimizer-race',
  'line-fit': 'gd-line-fit',
  curvature: 'gd-curvature',
};

const params = new URLSearchParams(location.search);
const widget = params.get('widget') ?? 'race';
const tag = WIDGETS[widget];

if (!tag) {
  const message = document.createElement('p');
  message.className = 'embed-error';
  message.textContent = `Unknown widget "${widget}". Use one of: race, line-fit, curvature.`;
  document.body.append(message);
} else {
  const element = document.createElement(tag);
  const accepted = new Set((customElements.get(tag) as unknown as { observedAttributes?: string[] }).observedAttributes ?? []);
  for (const [name, value] of params) {
    if (name === 'widget' || name === 'optimizer') continue;
    if (accepted.has(name)) element.setAttribute(name, value);
    else console.warn(`gd-kit embed: ignored URL parameter "${name}" (not an attribute of <${tag}>).`);
  }
  if (tag === 'gd-optimizer-race') {
    // optimizer=TYPE[:LEARNING_RATE[:LABEL]] — one child per parameter, in order.
    for (const spec of params.getAll('optimizer')) {
      const [type, learningRate, label] = spec.split(':');
      const child = document.createElement('gd-optimizer');
      child.setAttribute('type', type);
      if (learningRate) child.setAttribute('learning-rate', learningRate);
      if (label) child.setAttribute('label', label);
      element.append(child);
    }
  }
  document.body.append(element);
}

const postHeight = () => {
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  window.parent?.postMessage({ type: 'gd-kit:resize', height }, '*');
};
new ResizeObserver(postHeight).observe(document.documentElement);
