/** Canvas helpers: crisp drawing on high-density screens and theme colours for canvas. */

/** Sizes a canvas for `width`×`height` CSS pixels and returns its context in CSS units. */
export function prepareCanvas(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D {
  const ratio = Math.min(window.devicePixelRatio || 1, 2);
  const pixelWidth = Math.max(1, Math.round(width * ratio));
  const pixelHeight = Math.max(1, Math.round(height * ratio));
  if (canvas.width !== pixelWidth || canvas.height !== pixelHeight) {
    canvas.width = pixelWidth;
    canvas.height = pixelHeight;
  }
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const context = canvas.getContext('2d')!;
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, width, height);
  return context;
}

/**
 * Resolves CSS colour expressions (custom properties with light-dark(), etc.) to
 * concrete colours a canvas understands, using a probe element inside `root`.
 */
export function resolveColors<K extends string>(root: ShadowRoot | HTMLElement, expressions: Record<K, string>): Record<K, string> {
  const probe = document.createElement('span');
  probe.style.display = 'none';
  root.appendChild(probe);
  const resolved = {} as Record<K, string>;
  for (const [name, expression] of Object.entries(expressions) as [K, string][]) {
    probe.style.color = '';
    probe.style.color = expression;
    resolved[name] = getComputedStyle(probe).color;
  }
  probe.remove();
  return resolved;
}
