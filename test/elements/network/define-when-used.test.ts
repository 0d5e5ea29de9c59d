import { expect } from '@open-wc/testing';
import '../../../src/index.js';

/*
 * gd-kit (src/index.ts) fetches <gd-network> only once the document has one: this page
 * imports nothing else of the network, as a page that loads the kit by one import does.
 */
describe('gd-kit defines <gd-network> when the page first has one', function () {
  this.timeout(60000);

  it('is undefined until a network is in the document, then upgrades it with its formulas typeset', async () => {
    expect(customElements.get('gd-network'), 'defined before any network is on the page').to.equal(undefined);
    const network = document.createElement('gd-network') as HTMLElement & { updateComplete?: Promise<unknown> };
    network.setAttribute('layers', '4');
    document.body.append(network);
    await customElements.whenDefined('gd-network');
    await network.updateComplete;
    expect(network.getAttribute('layers')).to.equal('4');
    expect((network as unknown as { layers: string }).layers, 'the attribute set before the upgrade').to.equal('4');
    // The network's own formulas come from its own typeset table, added when it loads.
    const formulas = network.shadowRoot!.querySelectorAll('.tex');
    expect(formulas.length).to.be.above(0);
    for (const formula of formulas) expect(formula.querySelector('math'), formula.textContent ?? '').to.not.equal(null);
    network.remove();
  });
});
