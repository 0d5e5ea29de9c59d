import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createShareBar } from '../../demo/embed-share.js';

// Polls up to 50 s, under the 60 s test timeout: a frame that loads the kit on a loaded
// machine is slow, not broken.
const until = async (condition: () => boolean, tries = 1000) => {
  for (let i = 0; i < tries && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
};

/** The same server under another host name: a cross-origin frame, as on a real LMS page. */
function otherOrigin(): string {
  const host = location.hostname === '127.0.0.1' ? 'localhost' : '127.0.0.1';
  return `${location.protocol}//${host}:${location.port}`;
}

function frame(src: string, style: Partial<CSSStyleDeclaration> = {}) {
  const element = document.createElement('iframe');
  Object.assign(element.style, { width: '900px', height: '300px', border: '0', display: 'block' }, style);
  element.src = src;
  const loaded = new Promise((resolve) => element.addEventListener('load', resolve, { once: true }));
  return { element, loaded };
}

/** The heights each frame posted, by frame. */
function collectHeights() {
  const heights = new Map<MessageEventSource, number[]>();
  const onMessage = (event: MessageEvent<{ type?: string; height?: number } | null>) => {
    if (event.data?.type !== 'gd-kit:resize' || typeof event.data.height !== 'number' || !event.source) return;
    if (!heights.has(event.source)) heights.set(event.source, []);
    heights.get(event.source)!.push(event.data.height);
  };
  window.addEventListener('message', onMessage);
  return { heights, stop: () => window.removeEventListener('message', onMessage) };
}

type EmbeddedWidget = HTMLElement & {
  updateComplete: Promise<unknown>;
  theme: string;
  learningRate: number;
  optimizer: string;
  toJSON(): Record<string, unknown>;
};

describe('demo/embed.html: height, state, theme and sharing', () => {
  it('a cross-origin frame below the fold gets its height without being scrolled to', async () => {
    const query = 'widget=curvature&curvature=3&learning-rate=0.5';
    const collected = collectHeights();
    // A visible same-origin frame of the same width is the reference.
    const reference = frame(`/demo/embed.html?${query}`);
    const spacer = document.createElement('div');
    spacer.style.height = `${3 * innerHeight}px`;
    const below = frame(`${otherOrigin()}/demo/embed.html?${query}`);
    document.body.append(reference.element, spacer, below.element);
    await Promise.all([reference.loaded, below.loaded]);
    expect(below.element.getBoundingClientRect().top).to.be.above(innerHeight * 2);
    const widget = reference.element.contentDocument!.querySelector('gd-curvature') as unknown as EmbeddedWidget;
    await widget.updateComplete;
    const expected = () => Math.ceil(reference.element.contentDocument!.documentElement.getBoundingClientRect().height);
    const lastOf = (source: MessageEventSource | null) => collected.heights.get(source!)?.at(-1);
    await until(() => lastOf(reference.element.contentWindow) === expected() && lastOf(below.element.contentWindow) === expected());
    expect(window.scrollY).to.equal(0);
    expect(expected()).to.be.above(300);
    expect(lastOf(reference.element.contentWindow)).to.equal(expected());
    expect(lastOf(below.element.contentWindow), 'height posted by the frame below the fold').to.equal(expected());
    collected.stop();
    reference.element.remove();
    spacer.remove();
    below.element.remove();
  });

  it("honours the line fit's optimizer and writes the widget's state back to its URL, which restores it", async () => {
    const first = frame('/demo/embed.html?widget=line-fit&size=40&optimizer=adam&learning-rate=0.05&theme=light');
    document.body.append(first.element);
    await first.loaded;
    const doc = first.element.contentDocument!;
    const fit = doc.querySelector('gd-line-fit') as EmbeddedWidget;
    await fit.updateComplete;
    expect(fit.optimizer).to.equal('adam');
    expect(fit.learningRate).to.equal(0.05);
    // The reader moves the learning rate.
    const slider = fit.shadowRoot!.querySelector<HTMLInputElement>('#rate')!;
    slider.value = String(Math.log10(0.2));
    slider.dispatchEvent(new Event('input'));
    await fit.updateComplete;
    const win = first.element.contentWindow!;
    await until(() => new URLSearchParams(win.location.search).has('state'));
    const params = new URLSearchParams(win.location.search);
    expect(params.get('widget')).to.equal('line-fit');
    expect(params.get('theme')).to.equal('light');
    expect(JSON.parse(params.get('state')!)).to.include({ optimizer: 'adam', learningRate: 0.2, size: 40 });

    const second = frame(win.location.href);
    document.body.append(second.element);
    await second.loaded;
    const copy = second.element.contentDocument!.querySelector('gd-line-fit') as EmbeddedWidget;
    await copy.updateComplete;
    expect(copy.toJSON()).to.deep.equal(fit.toJSON());
    first.element.remove();
    second.element.remove();
  });

  it('theme=host follows the scheme the host page sends; theme=dark ignores it', async () => {
    const ready: MessageEventSource[] = [];
    const onReady = (event: MessageEvent<{ type?: string } | null>) =>
      event.data?.type === 'gd-kit:ready' && event.source && ready.push(event.source);
    window.addEventListener('message', onReady);
    const host = frame('/demo/embed.html?widget=curvature&theme=host');
    const forced = frame('/demo/embed.html?widget=curvature&theme=dark');
    document.body.append(host.element, forced.element);
    await Promise.all([host.loaded, forced.loaded]);
    const hostWidget = host.element.contentDocument!.querySelector('gd-curvature') as unknown as EmbeddedWidget;
    const forcedWidget = forced.element.contentDocument!.querySelector('gd-curvature') as unknown as EmbeddedWidget;
    await until(() => ready.includes(host.element.contentWindow!));
    expect(hostWidget.theme).to.equal('light');
    expect(forcedWidget.theme).to.equal('dark');
    for (const target of [host, forced]) target.element.contentWindow!.postMessage({ type: 'gd-kit:theme', theme: 'dark' }, '*');
    await until(() => hostWidget.theme === 'dark');
    expect(hostWidget.theme).to.equal('dark');
    expect(host.element.contentDocument!.documentElement.style.colorScheme).to.equal('dark');
    for (const target of [host, forced]) target.element.contentWindow!.postMessage({ type: 'gd-kit:theme', theme: 'light' }, '*');
    await until(() => hostWidget.theme === 'light');
    expect(hostWidget.theme).to.equal('light');
    expect(forcedWidget.theme).to.equal('dark');
    window.removeEventListener('message', onReady);
    host.element.remove();
    forced.element.remove();
  });

  it('a storm of theme messages is applied at most once a frame, and the last one wins', async () => {
    const ready: MessageEventSource[] = [];
    const onReady = (event: MessageEvent<{ type?: string } | null>) =>
      event.data?.type === 'gd-kit:ready' && event.source && ready.push(event.source);
    window.addEventListener('message', onReady);
    const host = frame('/demo/embed.html?widget=curvature&theme=host');
    document.body.append(host.element);
    await host.loaded;
    await until(() => ready.includes(host.element.contentWindow!));
    const win = host.element.contentWindow! as Window & typeof globalThis;
    const widget = host.element.contentDocument!.querySelector('gd-curvature') as unknown as EmbeddedWidget;
    await widget.updateComplete;
    // Every theme the page gives the widget, and the frames the page renders meanwhile.
    let applied = 0;
    let accessor: PropertyDescriptor | undefined;
    for (
      let proto = Object.getPrototypeOf(widget) as object | null;
      proto && !accessor;
      proto = Object.getPrototypeOf(proto) as object | null
    )
      accessor = Object.getOwnPropertyDescriptor(proto, 'theme');
    Object.defineProperty(widget, 'theme', {
      configurable: true,
      get: () => accessor!.get!.call(widget) as string,
      set: (value: string) => {
        applied++;
        accessor!.set!.call(widget, value);
      },
    });
    let frames = 0;
    let counting = true;
    const count = () => {
      frames++;
      if (counting) win.requestAnimationFrame(count);
    };
    win.requestAnimationFrame(count);
    window.removeEventListener('message', onReady);
    const messages = 2000;
    for (let i = 0; i < messages; i++) win.postMessage({ type: 'gd-kit:theme', theme: i % 2 ? 'dark' : 'light' }, '*');
    await until(() => widget.theme === 'dark' && applied > 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    counting = false;
    expect(widget.theme, 'the last message wins').to.equal('dark');
    expect(host.element.contentDocument!.documentElement.style.colorScheme).to.equal('dark');
    // One apply per frame at most (or per fallback timer, where a frame does not come in time).
    expect(applied, `${applied} applied over ${frames} frames`).to.be.at.most(2 * frames + 2);
    expect(applied).to.be.below(messages / 10);
    host.element.remove();
  });

  it('"Copy link" and "Copy embed code" copy the state URL and a frame that loads it', async () => {
    const embedded = frame('/demo/embed.html?widget=race&landscape=booth&optimizer=adam:0.3');
    document.body.append(embedded.element);
    await embedded.loaded;
    const win = embedded.element.contentWindow! as Window & typeof globalThis;
    const copied: string[] = [];
    Object.defineProperty(win.navigator, 'clipboard', {
      configurable: true,
      value: { writeText: (text: string) => Promise.resolve(void copied.push(text)) },
    });
    const buttons = [...embedded.element.contentDocument!.querySelectorAll<HTMLButtonElement>('.embed-share button')];
    expect(buttons.map((b) => b.textContent)).to.deep.equal(['Copy link', 'Copy embed code']);
    buttons[0].click();
    await until(() => copied.length === 1);
    const link = new URL(copied[0]);
    expect(JSON.parse(link.searchParams.get('state')!)).to.include({ landscape: 'booth' });
    buttons[1].click();
    await until(() => copied.length === 2);
    expect(copied[1]).to.match(/^<iframe src="[^"]*embed\.html\?widget=race&amp;state=/);
    expect(copied[1]).to.contain('gd-kit:resize');
    const status = embedded.element.contentDocument!.querySelector('.embed-share-status')!;
    await until(() => status.textContent !== '');
    expect(status.textContent).to.contain('Copied the embed code');
    embedded.element.remove();
  });
});

describe('the embed share bar', () => {
  it('works from the keyboard, falls back to selected text where copying is refused, and passes axe', async () => {
    const holder = await fixture<HTMLDivElement>(html`<div></div>`);
    const clipboard = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard');
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: () => Promise.reject(new DOMException('not allowed', 'NotAllowedError')) },
    });
    try {
      const bar = createShareBar({ link: () => 'https://example.org/embed.html?widget=race', code: () => '<iframe></iframe>' });
      holder.append(bar);
      bar.querySelector('button')!.focus();
      await sendKeys({ press: 'Enter' });
      await until(() => !bar.querySelector('textarea')!.hidden);
      const box = bar.querySelector('textarea')!;
      expect(box.value).to.equal('https://example.org/embed.html?widget=race');
      expect(document.activeElement).to.equal(box);
      expect(box.selectionEnd - box.selectionStart).to.equal(box.value.length);
      expect(bar.querySelector('[role=status]')!.textContent).to.contain('Ctrl+C');
      await expect(bar).to.be.accessible();
    } finally {
      delete (navigator as unknown as Record<string, unknown>).clipboard;
      if (clipboard && !('clipboard' in navigator)) Object.defineProperty(Navigator.prototype, 'clipboard', clipboard);
    }
  });
});
