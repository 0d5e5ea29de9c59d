// npm start: the demo with live TypeScript on a local dev server.
import { startDevServer } from '@web/dev-server';
import config from '../web-dev-server.config.mjs';

const port = Number(process.env.PORT) || 8000;
const server = await startDevServer({
  config: { ...config, port, watch: true },
  readCliArgs: false,
  readFileConfig: false,
  logStartMessage: false,
});
const address = `http://localhost:${server.config.port}/demo/index.html`;
console.log(
  `gd-kit demo: ${address}\n(embed page: http://localhost:${server.config.port}/demo/embed.html?widget=race&landscape=rosenbrock)`,
);
