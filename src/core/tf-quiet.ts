/**
 * Imported by tf.ts before any tfjs module, so this runs before tfjs-core's own setup.
 *
 * When tfjs is already on the page (a second copy of the kit, or the page's own
 * tfjs), both copies share one global engine, and tfjs-core's import-time platform
 * setup sets the shared platform again and warns "Platform browser has already been
 * set". The kit cannot guard that call, so while this copy's tfjs modules load, we
 * turn on tfjs's `PROD` flag, under which tfjs keeps such notices to itself, and put
 * the flag back afterwards (`endQuietSetup`). A first copy changes nothing.
 */
interface TfEnvironment {
  getBool(flag: string): boolean;
  set(flag: string, value: boolean): void;
}

/** tfjs keeps its engine on the global object (`_tfengine`) so that copies share it. */
const sharedEnvironment = (globalThis as { _tfengine?: { ENV?: TfEnvironment } })._tfengine?.ENV;
const wasProduction = sharedEnvironment?.getBool('PROD');
if (sharedEnvironment && !wasProduction) sharedEnvironment.set('PROD', true);

/** Gives tfjs's `PROD` flag back the value it had before this copy loaded. */
export function endQuietSetup(): void {
  if (sharedEnvironment && !wasProduction) sharedEnvironment.set('PROD', false);
}
