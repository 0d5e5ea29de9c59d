// Records every CSP violation (events reach the document only from light DOM, so a
// ReportingObserver catches those inside shadow roots), then loads the CDN bundle, or
// the module named by `?load=` in this script's URL (the embed page's, for
// csp-embed.html). test/dist/csp.test.ts reads both.
window.__violations = [];
const record = (directive, blocked, source, line) => window.__violations.push(`${directive} blocked ${blocked || 'inline'} (${source}:${line})`);
document.addEventListener('securitypolicyviolation', (event) => {
  record(event.violatedDirective, event.blockedURI, event.sourceFile, event.lineNumber);
});
const takeReports = (reports) => {
  for (const { body } of reports) record(body.effectiveDirective, body.blockedURL, body.sourceFile, body.lineNumber);
};
const observer = new ReportingObserver(takeReports, { types: ['csp-violation'], buffered: true });
observer.observe();
window.__flushReports = () => takeReports(observer.takeRecords());
const target = new URL(import.meta.url).searchParams.get('load') ?? '/dist/cdn/gd-kit.js';
window.__loaded = import(target).then(() => true);
