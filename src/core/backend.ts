/**
 * One shared TensorFlow.js setup for every widget on a page.
 *
 * Which backend: `webgl` only where the machine has WebGL2 on a real GPU. A software
 * rasteriser (SwiftShader, llvmpipe, softpipe, "Microsoft Basic Render Driver") runs
 * our tiny tensors slower than the plain cpu backend, so those pages get `cpu`, as do
 * pages without WebGL2 or where the webgl backend fails to initialise.
 *
 * A page can force a backend with `initBackend('cpu' | 'webgl')` or by setting
 * `window.GD_KIT_BACKEND = 'cpu' | 'webgl'` before the first widget starts.
 *
 * tfjs keeps one WebGL context per backend instance, and this module never creates a
 * second instance, so 20 widgets share one context. If that context is lost mid-run we
 * switch to `cpu`, warn once, and tell subscribers (`onBackendChange`) so that runs can
 * rebuild their tensors from the CPU-side snapshot they keep after every read-back.
 */
import * as tf from './tf.js';

export type BackendName = 'webgl' | 'cpu';
export type BackendPreference = 'auto' | BackendName;
export type BackendChangeReason = 'switch' | 'context-lost' | 'init-failed';
export type BackendListener = (backend: BackendName, reason: BackendChangeReason) => void;

export interface WebGLProbe {
  /** a WebGL2 context could be created */
  webgl2: boolean;
  /** unmasked renderer string where the browser exposes it */
  renderer: string | null;
  /** the renderer is a software rasteriser */
  software: boolean;
}

declare global {
  /** Set before the first widget starts to force the kit's tfjs backend. */
  var GD_KIT_BACKEND: BackendName | undefined;
}

const SOFTWARE_RENDERERS = /swiftshader|llvmpipe|softpipe|software|basic render/i;

let active: BackendName | null = null;
let generation = 0;
let ready: Promise<BackendName> | null = null;
let contextLost = false;
let warnedContextLoss = false;
const listeners = new Set<BackendListener>();
const watchedCanvases = new WeakSet<object>();

/** Whether a renderer string names a software rasteriser. */
export function isSoftwareRenderer(renderer: string | null | undefined): boolean {
  return renderer != null && SOFTWARE_RENDERERS.test(renderer);
}

/**
 * Looks at what WebGL2 the browser really has, through a throwaway context on an
 * OffscreenCanvas (or a detached canvas element), which is released right away.
 */
export function probeWebGL(): WebGLProbe {
  const none: WebGLProbe = { webgl2: false, renderer: null, software: false };
  let gl: WebGL2RenderingContext | null = null;
  try {
    if (typeof OffscreenCanvas !== 'undefined') {
      gl = new OffscreenCanvas(1, 1).getContext('webgl2');
    } else if (typeof document !== 'undefined') {
      gl = document.createElement('canvas').getContext('webgl2');
    }
  } catch {
    return none;
  }
  if (!gl) return none;
  let renderer: string | null;
  try {
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
  } catch {
    renderer = null;
  }
  // Give the probe's context back now rather than when the garbage collector runs,
  // so it never counts against the browser's limit on live contexts.
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return { webgl2: true, renderer, software: isSoftwareRenderer(renderer) };
}

/** Whether tfjs has a live backend instance (reading it does not start one). */
function engineBackendInstance(): unknown {
  return (tf.engine() as unknown as { backendInstance: unknown }).backendInstance;
}

function pageOverride(): BackendName | null {
  const value: unknown = globalThis.GD_KIT_BACKEND;
  return value === 'cpu' || value === 'webgl' ? value : null;
}

function notify(backend: BackendName, reason: BackendChangeReason): void {
  generation += 1;
  for (const listener of [...listeners]) {
    try {
      listener(backend, reason);
    } catch (error) {
      console.error('gd-kit: a backend-change listener threw', error);
    }
  }
}

function onContextLost(): void {
  contextLost = true;
  if (active !== 'webgl') return;
  if (!warnedContextLoss) {
    warnedContextLoss = true;
    console.warn('gd-kit: the WebGL context was lost; continuing on the cpu backend.');
  }
  activate('cpu', 'context-lost');
}

function watchContextLoss(): void {
  const backend = tf.backend() as unknown as { gpgpu?: { gl?: { canvas?: EventTarget } } };
  const canvas = backend.gpgpu?.gl?.canvas;
  if (!canvas || watchedCanvases.has(canvas)) return;
  watchedCanvases.add(canvas);
  canvas.addEventListener('webglcontextlost', onContextLost);
}

/**
 * Switches tfjs to `name`. For both our backends tfjs initialises synchronously, so
 * this takes effect before it returns; a webgl failure falls back to cpu.
 */
function activate(name: BackendName, reason: BackendChangeReason): BackendName {
  const previous = active;
  let chosen: BackendName = name;
  if (name === 'webgl' && contextLost) chosen = 'cpu';
  if (chosen === 'webgl') {
    try {
      // tfjs reports a failed init through its (synchronously settled) state, and
      // rejects only for an unregistered name; we judge by the state below.
      tf.setBackend('webgl').catch(() => false);
      if (tf.getBackend() !== 'webgl' || engineBackendInstance() == null) throw new Error('webgl backend did not initialise');
      watchContextLoss();
    } catch (error) {
      console.warn('gd-kit: the webgl backend failed to start; using the cpu backend.', error);
      chosen = 'cpu';
      reason = 'init-failed';
    }
  }
  if (chosen === 'cpu') tf.setBackend('cpu').catch(() => false);
  active = chosen;
  if (previous !== null && previous !== chosen) notify(chosen, reason);
  return chosen;
}

function choose(preference: BackendPreference): BackendName {
  if (preference !== 'auto') return preference;
  const forced = pageOverride();
  if (forced) return forced;
  const probe = probeWebGL();
  return probe.webgl2 && !probe.software ? 'webgl' : 'cpu';
}

/**
 * Picks and starts the page's backend; every call shares one promise. `auto` after a
 * backend is running returns the running one; an explicit preference switches.
 */
export function initBackend(preference: BackendPreference = 'auto'): Promise<BackendName> {
  const settled = preference === 'auto' || (preference === active && tf.getBackend() === active);
  if (ready && settled) return ready;
  ready = Promise.resolve(activate(choose(preference), 'switch'));
  return ready;
}

/**
 * Synchronous form used by the core's own functions, so that a tensor op made before
 * anyone awaited `initBackend` never makes tfjs pick webgl on a software renderer.
 */
export function ensureBackend(): BackendName {
  if (active === null) {
    // A page (or a test) that already set a tfjs backend itself keeps it.
    const existing = engineBackendInstance() != null ? tf.getBackend() : null;
    if (existing === 'cpu' || existing === 'webgl') {
      active = existing;
      ready = Promise.resolve(existing);
      if (existing === 'webgl') watchContextLoss();
    } else {
      void initBackend('auto');
    }
  }
  return active as BackendName;
}

/** The backend the kit is running on, or `null` before `initBackend`. */
export function currentBackend(): BackendName | null {
  return active;
}

/** Calls `listener` after every backend switch; returns an unsubscribe function. */
export function onBackendChange(listener: BackendListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A counter that changes on every switch, so a run can tell its tensors are stale. */
export function backendGeneration(): number {
  return generation;
}
