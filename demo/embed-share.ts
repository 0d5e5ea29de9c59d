/**
 * What the iframe embed page does around its one widget: it tells the host page its
 * height, follows the host's colour scheme when asked to, keeps its own URL equal to the
 * widget's state, and offers "Copy link" and "Copy embed code".
 *
 * Messages (all plain objects with a `type`):
 *   frame → host  `{type: 'gd-kit:resize', height}`  after load and after every update
 *   frame → host  `{type: 'gd-kit:ready'}`           once, so a host can send its scheme
 *   host → frame  `{type: 'gd-kit:theme', theme: 'light' | 'dark'}`
 *   host → frame  `{type: 'gd-kit:width', width}`    the frame's width, whenever it changes
 *
 * Why the host tells the frame its width: a browser does not render a cross-origin frame
 * that is off-screen, and Chromium does not even pass it its new size then (its viewport
 * keeps the old width until the reader scrolls to it). Layout still runs there, so the
 * page lays itself out at the width the host reports and posts the height it will have.
 */

/** The URL parameters the page keeps as they are when it writes the widget's state back. */
const KEPT_PARAMETERS = ['widget', 'theme', 'hide', 'link', 'share'];
/** A playing widget steps every frame; its URL is written at most this often. */
const URL_WRITE_INTERVAL_MS = 1000;
/** Theme messages are applied once a frame; this soon where no frame comes (off-screen). */
const THEME_FALLBACK_MS = 100;

type Widget = HTMLElement & { theme: string; toJSON(): Record<string, unknown> };

/**
 * Posts the document's height to the parent after load and whenever the widget renders.
 * A ResizeObserver alone is not enough: browsers stop rendering cross-origin frames that
 * are off-screen, so a frame below the fold would never get its height until scrolled to.
 * Timers and mutation observers still run there, and reading the height forces layout
 * (the widget measures its own width from layout too: the kit's ResizeController). The
 * width the host reports (`gd-kit:width`) is the page's width while it differs from the
 * frame's own, stale viewport; a `resize` event tells the widget to measure itself again.
 */
export function postHeights(widget: HTMLElement): void {
  let last = -1;
  let queued = false;
  const post = () => {
    queued = false;
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent?.postMessage({ type: 'gd-kit:resize', height }, '*');
  };
  let followUps: number[] = [];
  const schedule = () => {
    if (queued) return;
    queued = true;
    setTimeout(post, 0);
    // Layout can still move after the change that scheduled this, with no mutation or
    // event to say so in a frame the browser does not render (a container query that
    // applies once the element re-measured itself, a late font): look again a little later.
    for (const timer of followUps) clearTimeout(timer);
    followUps = [300, 1000, 3000].map((ms) => window.setTimeout(post, ms));
  };
  const observer = new MutationObserver(schedule);
  const observe = () => {
    observer.observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
    if (widget.shadowRoot) observer.observe(widget.shadowRoot, { childList: true, subtree: true, attributes: true, characterData: true });
  };
  // A custom element's shadow root exists once it is defined; a plain element (the
  // unknown-widget message) is observed at once.
  if (widget.localName.includes('-')) void customElements.whenDefined(widget.localName).then(observe);
  else observe();
  for (const type of ['gd-step', 'gd-params-change', 'gd-link-change', 'gd-done']) widget.addEventListener(type, schedule);
  new ResizeObserver(schedule).observe(document.documentElement);
  window.addEventListener('load', schedule);
  void document.fonts?.ready.then(schedule);
  // The widget's first render waits for the tfjs backend; post again when it is drawn.
  void (widget as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete?.then(schedule);
  let hostWidth: number | undefined;
  const relayout = () => {
    // The host's width wins while the viewport disagrees with it (off-screen, not yet told).
    const width = hostWidth !== undefined && Math.abs(hostWidth - window.innerWidth) > 0.5 ? `${hostWidth}px` : '';
    if (document.documentElement.style.width === width) return;
    document.documentElement.style.width = width;
    // The kit's elements measure themselves again after a resize of the window.
    window.dispatchEvent(new Event('resize'));
    schedule();
  };
  window.addEventListener('message', (event) => {
    const data = event.data as { type?: unknown; width?: unknown } | null;
    if (event.source !== window.parent || data?.type !== 'gd-kit:width' || typeof data.width !== 'number') return;
    if (!(data.width > 0 && data.width < 100000)) return;
    hostWidth = data.width;
    relayout();
  });
  // The viewport catches up once the frame is rendered again (scrolled to).
  window.addEventListener('resize', (event) => event.isTrusted && relayout());
  schedule();
}

/**
 * `theme=light|dark` forces a scheme. `auto` (the default) follows the reader's system
 * until the host page sends its own scheme; `host` starts light (most pages an LMS shows
 * are) and follows the host's messages.
 */
export function followTheme(widget: Widget, mode: string | null): void {
  const apply = (scheme: 'auto' | 'light' | 'dark') => {
    widget.theme = scheme;
    document.documentElement.style.colorScheme = scheme === 'auto' ? '' : scheme;
  };
  const forced = mode === 'light' || mode === 'dark';
  if (forced) apply(mode);
  else if (mode === 'host') apply('light');
  else if (mode !== null && mode !== 'auto') {
    console.warn(`gd-kit embed: ignored theme=${JSON.stringify(mode)}; accepted: auto, light, dark, host.`);
  }
  // A host may post many messages (10,000 froze the page for seconds, each one a widget
  // update and a style change): the last one wins, applied at most once a frame, or by a
  // timer where the browser renders no frames (a frame scrolled off-screen).
  let wanted: 'light' | 'dark' | undefined;
  let pending = false;
  const flush = () => {
    if (!pending) return;
    pending = false;
    if (wanted) apply(wanted);
  };
  window.addEventListener('message', (event) => {
    const data = event.data as { type?: unknown; theme?: unknown } | null;
    if (forced || event.source !== window.parent || data?.type !== 'gd-kit:theme') return;
    if (data.theme !== 'light' && data.theme !== 'dark') return;
    wanted = data.theme;
    if (pending) return;
    pending = true;
    requestAnimationFrame(flush);
    setTimeout(flush, THEME_FALLBACK_MS);
  });
  window.parent?.postMessage({ type: 'gd-kit:ready' }, '*');
}

/** The page's URL with the widget's current state in place of the parameters it replaces. */
export function stateUrl(widget: Widget): string {
  const current = new URLSearchParams(location.search);
  const next = new URLSearchParams();
  for (const name of KEPT_PARAMETERS) for (const value of current.getAll(name)) next.append(name, value);
  next.set('state', JSON.stringify(widget.toJSON()));
  return `${location.pathname}?${next}`;
}

/**
 * Keeps the address equal to the widget's state (`history.replaceState`, so no history
 * entries pile up): reloading or sharing the link shows the widget as it is now.
 */
export function writeStateToUrl(widget: Widget): void {
  let timer = 0;
  let lastWrite = 0;
  const write = () => {
    timer = 0;
    lastWrite = performance.now();
    history.replaceState(history.state, '', stateUrl(widget));
  };
  const schedule = () => {
    if (timer) return;
    timer = window.setTimeout(write, Math.max(0, lastWrite + URL_WRITE_INTERVAL_MS - performance.now()));
  };
  for (const type of ['gd-params-change', 'gd-link-change', 'gd-done', 'gd-step']) widget.addEventListener(type, schedule);
}

/**
 * What a host page runs once for all its gd-kit frames (the embed code carries it): each
 * frame gets the height it posts, and is told its width whenever that changes.
 */
export const HOST_SCRIPT = `addEventListener('message', (event) => {
  if (event.data?.type !== 'gd-kit:resize') return;
  for (const frame of document.querySelectorAll('iframe')) {
    if (frame.contentWindow === event.source) frame.height = event.data.height;
  }
});
// A frame below the fold is not told by the browser that its width changed: tell it.
{
  const widths = new ResizeObserver((entries) => {
    for (const { target, contentRect } of entries) target.contentWindow?.postMessage({ type: 'gd-kit:width', width: contentRect.width }, '*');
  });
  for (const frame of document.querySelectorAll('iframe')) widths.observe(frame);
}`;

/** The HTML a host page pastes: the frame, and the few lines that give it its height and width. */
export function embedCode(src: string, title: string, height: number): string {
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<iframe src="${escape(src)}" title="${escape(title)}" width="100%" height="${height}" loading="lazy" style="border: 0"></iframe>
<script>
${HOST_SCRIPT.replace(/^/gm, '  ')}
</script>`;
}

/**
 * Two buttons that copy the link and the embed code. Where the clipboard is not allowed
 * (a frame without the clipboard-write permission), the text appears selected in a box
 * for the reader to copy by hand.
 */
export function createShareBar(texts: { link: () => string; code: () => string }): HTMLElement {
  const bar = document.createElement('div');
  bar.className = 'embed-share';
  bar.setAttribute('role', 'group');
  bar.setAttribute('aria-label', 'Share this figure');
  const status = document.createElement('p');
  status.className = 'embed-share-status';
  status.setAttribute('role', 'status');
  const fallback = document.createElement('textarea');
  fallback.readOnly = true;
  fallback.hidden = true;
  fallback.rows = 3;
  fallback.setAttribute('aria-label', 'Text to copy');
  const button = (label: string, what: string, text: () => string) => {
    const element = document.createElement('button');
    element.type = 'button';
    element.textContent = label;
    element.addEventListener('click', () => void copy());
    const copy = async () => {
      const value = text();
      try {
        await navigator.clipboard.writeText(value);
        fallback.hidden = true;
        status.textContent = `Copied the ${what}.`;
      } catch {
        fallback.value = value;
        fallback.hidden = false;
        fallback.focus();
        fallback.select();
        status.textContent = `Copying is not allowed here: the ${what} is selected below, copy it with Ctrl+C (⌘C).`;
      }
    };
    return element;
  };
  bar.append(button('Copy link', 'link', texts.link), button('Copy embed code', 'embed code', texts.code), status, fallback);
  return bar;
}
