// The indentation and comments inside the kit's lit templates (css`…`, html`…`, svg`…`)
// are strings to a minifier, so every page would download them: ~2.5 KiB gzip over the
// whole kit. This drops the indentation after each line break and the CSS comments,
// keeping the line breaks themselves, so source maps still point at the right lines.
// No template of the kit is whitespace-sensitive (no <pre>, no `white-space: pre`).

const TEMPLATE = /\b(css|html|svg)(\s*)`([^`]*)`/g;
const COMMENT = /\/\*[\s\S]*?\*\//g;

/** `code` with its lit templates' indentation and CSS comments removed (line breaks kept). */
export function collapseTemplates(code) {
  return code.replace(TEMPLATE, (_, tag, space, body) => {
    const bare = tag === 'css' ? body.replace(COMMENT, (comment) => comment.replace(/[^\n]/g, '')) : body;
    return `${tag}${space}\`${bare.replace(/\n[ \t]+/g, '\n')}\``;
  });
}

/** The same as a Rollup plugin, for the kit's own TypeScript sources. */
export const collapseTemplatesPlugin = {
  name: 'collapse-templates',
  transform(code, id) {
    if (!/[\\/]src[\\/].*\.ts$/.test(id) || id.includes('node_modules')) return null;
    const collapsed = collapseTemplates(code);
    return collapsed === code ? null : { code: collapsed, map: null };
  },
};
