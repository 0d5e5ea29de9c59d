import { expect } from '@open-wc/testing';

// The self-contained bundle written by `npm run build` (the test command builds first).
const CDN = '/dist/cdn/gd-kit.js';
const TAGS = ['gd-line-fit', 'gd-curvature', 'gd-optimizer-race', 'gd-optimizer', 'gd-sweep', 'gd-network'];

describe('dist/cdn/gd-kit.js', () => {
  it('has no bare import specifiers left', async () => {
    const source = await (await fetch(CDN)).text();
    expect(source.length).to.be.greaterThan(10000);
    const bare = [...source.matchAll(/(?:^|[;}\s])import\s*(?:[\w$*{}\s,]+from\s*)?["']([^"'./][^"']*)["']/g)].map((m) => m[1]);
    expect(bare).to.deep.equal([]);
  });

  it('registers every element when loaded as a module script', async () => {
    await import(/* @vite-ignore */ CDN);
    for (const tag of TAGS) expect(customElements.get(tag), tag).to.be.a('function');
  });

  it('warns once and throws nothing when a second copy of the kit loads', async () => {
    const warnings: unknown[][] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    const errors: ErrorEvent[] = [];
    const onError = (event: ErrorEvent) => errors.push(event);
    window.addEventListener('error', onError);
    try {
      const first = customElements.get('gd-optimizer-race');
      // A different URL is a second, independent copy of the module.
      await import(/* @vite-ignore */ `${CDN}?second-copy`);
      expect(customElements.get('gd-optimizer-race')).to.equal(first);
    } finally {
      console.warn = original;
      window.removeEventListener('error', onError);
    }
    expect(errors).to.have.length(0);
    // Every warning counts, tfjs's own included: the second copy shares tfjs's global
    // engine, whose platform, backends and kernels are registered already.
    expect(warnings.map((args) => args.map(String).join(' '))).to.have.length(1);
    expect(String(warnings[0][0])).to.include('already defined');
  });
});
