/**
 * What `import 'gd-kit'` (and every element entry) gives in Node: the `node` export
 * condition points here. The elements are custom elements drawn with the DOM and canvas,
 * so in Node they can only fail, and tfjs's browser modules would fail first with a
 * missing-file error that names none of this. One clear line instead.
 */
export {};

throw new Error(
  "gd-kit: the elements need a browser (they are custom elements). In Node, import 'gd-kit/core'; in a server-rendering framework (Next.js, Nuxt, SvelteKit, Astro), render them on the client only, or use 'gd-kit/react' (see the README's \"Server-side rendering\").",
);
