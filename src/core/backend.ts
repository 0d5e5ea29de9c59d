/**
 * One shared TensorFlow.js setup for every widget on a page.
 *
 * Which backend, by workload. Per-kernel overhead dominates the kit's small tensors
 * (a race is 4 particles of 2 parameters), and on most machines the plain cpu backend
 * runs those faster than webgl; a swarm of thousands of particles or a 256×256 grid is
 * where a real GPU wins. So `auto` runs everything on `cpu` by default, and where the
 * machine has WebGL2 on a real GPU it measures both backends once, in idle time, on a
 * reference update at two sizes (see `calibrateBackends`); from then on each run asks
 * `backendFor(rows)` and goes to webgl only at or above the measured crossover. A
 * software rasteriser (SwiftShader, llvmpipe, softpipe, "Microsoft Basic Render
 * Driver"), a page without WebGL2, or a webgl backend that fails to start: `cpu` only.
 *
 * A page can force a backend for every run with `initBackend('cpu' | 'webgl')` or by
 * setting `window.GD_KIT_BACKEND = 'cpu' | 'webgl'` before the first widget starts.
 *
 * tfjs keeps one WebGL context per backend instance, and this module never creates a
 * second instance, so 20 widgets share one context. If that context is lost mid-run we
 * switch to `cpu`, warn once, and tell subscribers (`onBackendChange`) so that runs can
 * rebuild their tensors from the CPU-side snapshot they keep after every read-back.
 */
import * as tf from './tf.js';
import { TABLE_WIDTH, fusedSteps, fusedUpdate, landscapeGradient, landscapeRowGradient, type FusedPlan } from './kernels.js';
import { rosenbrock } from './landscapes/classic.js';
import type { LandscapeGradient } from './landscapes/landscape.js';
import { momentum } from './optimizers/momentum.js';
import { COMMON_DEFAULTS } from './optimizers/rule.js';
import { OPTIMIZER_TYPES } from './optimizers/index.js';

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

/**
 * Milliseconds per update of the reference workload on each backend, at two sizes
 * (rows of the [N, 2] parameter tensor), and the row count from which webgl is faster.
 */
export interface Calibration {
  sizes: [number, number];
  cpu: [number, number];
  webgl: [number, number];
  /** rows at and above which webgl is faster; Infinity when it never is */
  crossover: number;
}

/**
 * The sizes the calibration measures: a race-sized run and a swarm, small enough that
 * one measurement (four updates) stays a short idle task on a slow laptop's cpu; the
 * crossover beyond it comes from the straight line through both.
 */
export const CALIBRATION_SIZES: [number, number] = [16, 1024];

let active: BackendName | null = null;
let generation = 0;
let ready: Promise<BackendName> | null = null;
let contextLost = false;
let warnedContextLoss = false;
/** Every run goes to `active` (a forced preference), instead of by workload. */
let forced = false;
/** `auto` found WebGL2 on a real GPU, so large runs may go there once calibrated. */
let hardwareWebGL = false;
let webglStarted = false;
/** The webgl backend's code is loaded and registered (see `loadWebGL`). */
let webglLoaded = false;
let webglLoading: Promise<boolean> | undefined;
let calibration: Calibration | null = null;
let calibrating = false;
let probe: () => WebGLProbe = probeWebGL;
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
  if (contextLost) return;
  contextLost = true;
  if (!webglStarted) return;
  if (!warnedContextLoss) {
    warnedContextLoss = true;
    console.warn('gd-kit: the WebGL context was lost; continuing on the cpu backend.');
  }
  if (active === 'webgl') activate('cpu', 'context-lost');
  else notify('cpu', 'context-lost');
}

/**
 * Whether the webgl backend's context is gone. Asks the context itself, which knows at
 * once, rather than waiting for the `webglcontextlost` event (a task later): a run that
 * read back zeros from a dead context must find out before it records them.
 */
export function webglContextLost(): boolean {
  if (contextLost) return true;
  if (!webglStarted) return false;
  const registry = (tf.engine() as unknown as { registry: Record<string, { gpgpu?: { gl?: WebGL2RenderingContext } }> }).registry;
  const gl = registry.webgl?.gpgpu?.gl;
  if (gl?.isContextLost()) onContextLost();
  return contextLost;
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
  if (chosen === 'webgl' && !switchToWebGL()) {
    chosen = 'cpu';
    reason = 'init-failed';
  }
  if (chosen === 'cpu') tf.setBackend('cpu').catch(() => false);
  active = chosen;
  if (previous !== null && previous !== chosen) notify(chosen, reason);
  return chosen;
}

function choose(preference: BackendPreference): BackendName {
  const chosen = preference !== 'auto' ? preference : pageOverride();
  if (chosen) {
    forced = true;
    return chosen;
  }
  forced = false;
  const found = probe();
  hardwareWebGL = found.webgl2 && !found.software;
  if (hardwareWebGL) scheduleCalibration();
  return 'cpu';
}

/**
 * Picks and starts the page's backend; every call shares one promise. `auto` after a
 * backend is running returns the running one; an explicit preference switches.
 */
export function initBackend(preference: BackendPreference = 'auto'): Promise<BackendName> {
  const settled = preference === 'auto' || (preference === active && tf.getBackend() === active);
  if (ready && settled) return ready;
  const chosen = choose(preference);
  if (chosen === 'webgl' && !webglLoaded) {
    // Until the webgl code has arrived the page runs on cpu (ensureBackend always has an
    // answer); awaiting this promise gives webgl itself.
    if (active === null) activate('cpu', 'switch');
    ready = loadWebGL().then(() => activate('webgl', 'switch'));
  } else {
    ready = Promise.resolve(activate(chosen, 'switch'));
  }
  return ready;
}

/**
 * Loads the webgl backend's code (`./tf-webgl.js`, a chunk of its own); resolves true
 * once it is registered, false where it cannot load (no browser, a failed fetch). The
 * kit calls it for a forced webgl and before calibrating a real GPU; runs that ask for
 * webgl before it has loaded run on cpu.
 */
export function loadWebGL(): Promise<boolean> {
  webglLoading ??=
    typeof document === 'undefined'
      ? Promise.resolve(false)
      : import('./tf-webgl.js').then(
          () => (webglLoaded = true),
          (error: unknown) => {
            console.warn('gd-kit: the webgl backend could not be loaded; using the cpu backend.', error);
            return false;
          },
        );
  return webglLoading;
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
      forced = true;
      ready = Promise.resolve(existing);
      if (existing === 'webgl') {
        webglStarted = true;
        watchContextLoss();
      }
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

/**
 * The backend a run of `rows` particles (or a grid of `rows` cells) should use: the
 * forced one if the page forced one, else cpu below the measured crossover and webgl at
 * or above it. Before the calibration has finished every run goes to cpu.
 */
export function backendFor(rows: number): BackendName {
  const base = ensureBackend();
  if (forced) return base;
  if (!hardwareWebGL || contextLost || !calibration) return 'cpu';
  return rows >= calibration.crossover ? 'webgl' : 'cpu';
}

/** The latest calibration, or null where none ran (no real GPU, or a forced backend). */
export function backendCalibration(): Calibration | null {
  return calibration;
}

/**
 * Runs `body` with `name` as tfjs's active backend and puts the previous one back.
 * Switching between initialised backends is synchronous and cheap in tfjs (a pointer
 * and the kernel table), so each run can live on its own backend. A webgl request after
 * a lost context, or one whose start fails, runs on cpu.
 */
export function runOn<T>(name: BackendName, body: () => T): T {
  ensureBackend();
  let target = name;
  if (target === 'webgl' && (contextLost || !startWebGL())) target = 'cpu';
  const previous = tf.getBackend();
  if (previous === target) return body();
  void tf.setBackend(target);
  try {
    return body();
  } finally {
    void tf.setBackend(previous);
  }
}

/** Starts tfjs's webgl backend without making it the active one; false if it cannot. */
function startWebGL(): boolean {
  if (webglStarted) return true;
  if (!webglLoaded) {
    // Not a failure: the code is on its way, and later runs can use it.
    void loadWebGL();
    return false;
  }
  const previous = tf.getBackend();
  const started = switchToWebGL();
  if (!started) hardwareWebGL = false;
  void tf.setBackend(previous);
  return started;
}

/**
 * Makes webgl tfjs's active backend, starting it on first use and watching its context;
 * false, after one console warning, where it cannot start.
 */
function switchToWebGL(): boolean {
  if (!webglLoaded) {
    void loadWebGL();
    return false;
  }
  try {
    // tfjs reports a failed init through its (synchronously settled) state, and
    // rejects only for an unregistered name; we judge by the state below.
    void tf.setBackend('webgl').catch(() => false);
    if (tf.getBackend() !== 'webgl' || engineBackendInstance() == null) throw new Error('webgl backend did not initialise');
    webglStarted = true;
    watchContextLoss();
    return true;
  } catch (error) {
    console.warn('gd-kit: the webgl backend failed to start; using the cpu backend.', error);
    return false;
  }
}

/**
 * The row count from which webgl is faster, from per-update times t = a + b·rows fitted
 * through the two measured sizes on each backend: (a_webgl − a_cpu) / (b_cpu − b_webgl),
 * rounded up; 0 when webgl is faster at both sizes, Infinity when it is never faster.
 */
export function crossoverRows(sizes: [number, number], cpu: [number, number], webgl: [number, number]): number {
  if (webgl[0] <= cpu[0] && webgl[1] <= cpu[1]) return 0;
  const slope = (t: [number, number]) => (t[1] - t[0]) / (sizes[1] - sizes[0]);
  const intercept = (t: [number, number]) => t[0] - slope(t) * sizes[0];
  const perRowGain = slope(cpu) - slope(webgl);
  if (!(perRowGain > 0)) return Infinity;
  return Math.max(0, Math.ceil((intercept(webgl) - intercept(cpu)) / perRowGain));
}

/**
 * Milliseconds per update of a reference workload on `name`: `ParticleRun`'s update of
 * momentum particles on Rosenbrock's function, one read-back per update as a frame of
 * play does, through the same fused kernels (`./kernels.js`): on cpu the one steps kernel
 * with the hand-written gradient, on webgl the gradient program, the update program and
 * the packing of the read-back. The first update, which compiles shaders, is not timed;
 * the median of three samples of at least 2 ms each.
 */
export function timeReferenceUpdate(name: BackendName, rows: number): number {
  return runOn(name, () => {
    const gradient = rosenbrock.gradient as LandscapeGradient;
    const everyRow = new Uint8Array(rows).fill(1);
    const table = new Float32Array(TABLE_WIDTH);
    momentum.fused.fill({ ...COMMON_DEFAULTS, learningRate: 1e-4 }, 0, table, 0);
    const plan: FusedPlan = {
      rows,
      P: 2,
      stride: 4,
      groups: [{ rule: momentum, from: 0, to: rows }],
      offset: new Int32Array(rows),
      ruleOf: new Int32Array(rows).fill(OPTIMIZER_TYPES.indexOf('momentum')),
      everyRow,
      table: () => table,
    };
    // Points spread over [-1, 1)², deterministically (the golden-ratio sequence).
    let state: tf.Tensor2D = tf.tensor2d(
      Float32Array.from({ length: rows * 4 }, (_, i) => (i % 4 < 2 ? ((i * 0.618034) % 1) * 2 - 1 : 0)),
      [rows, 4],
    );
    const coefficients = tf.tensor2d(table, [1, TABLE_WIDTH]);
    const rowInfo = tf.tensor2d(
      Float32Array.from({ length: 2 * rows }, (_, i) => (i % 2 ? 0 : plan.ruleOf[0])),
      [rows, 2],
    );
    const rowGradient = landscapeRowGradient(gradient);
    const stop = { bound: 1e9, step: 0, gradient: 0 };
    const update = () => {
      let next: tf.Tensor2D;
      let packed: tf.Tensor;
      if (name === 'cpu') {
        [next, packed] = fusedSteps(state, {
          plan,
          gradient: rowGradient,
          landscape: gradient,
          k: 1,
          first: 0,
          live: everyRow,
          stop,
          trail: false,
        });
      } else {
        [next, packed] = tf.tidy(() => {
          const g = landscapeGradient(state, gradient);
          const moved = fusedUpdate(state, g, coefficients, rowInfo, plan);
          const read = tf.concat([tf.reshape(tf.slice(moved, [0, 0], [rows, 2]), [-1]), tf.reshape(tf.slice(g, [0, 2], [rows, 2]), [-1])]);
          return [moved, read] as [tf.Tensor2D, tf.Tensor];
        });
      }
      packed.dataSync();
      packed.dispose();
      state.dispose();
      state = next;
    };
    update();
    // Each sample is as many updates as take 2 ms: one on a slow backend, dozens on a fast
    // one, whose single update can be shorter than the clock's tick (0.1 ms in a page).
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      let updates = 0;
      do {
        update();
        updates++;
      } while (performance.now() - t0 < 2);
      times.push((performance.now() - t0) / updates);
    }
    state.dispose();
    coefficients.dispose();
    rowInfo.dispose();
    times.sort((a, b) => a - b);
    return times[times.length >> 1];
  });
}

/**
 * Measures the reference update on both backends at both sizes and stores the result
 * for `backendFor`. Synchronous (a few tens of ms on a GPU); the kit itself calls it in
 * idle time, one measurement per idle callback, through `scheduleCalibration`.
 */
export function calibrateBackends(): Calibration | null {
  const measured = { cpu: [0, 0] as [number, number], webgl: [0, 0] as [number, number] };
  for (const name of ['cpu', 'webgl'] as const) {
    CALIBRATION_SIZES.forEach((rows, i) => (measured[name][i] = timeReferenceUpdate(name, rows)));
  }
  return storeCalibration(measured.cpu, measured.webgl);
}

function storeCalibration(cpu: [number, number], webgl: [number, number]): Calibration | null {
  if (contextLost || !webglStarted) return null;
  calibration = { sizes: [...CALIBRATION_SIZES], cpu, webgl, crossover: crossoverRows(CALIBRATION_SIZES, cpu, webgl) };
  return calibration;
}

/** Calibrates in idle time, one measurement per idle callback, once per page. */
function scheduleCalibration(): void {
  if (calibrating || calibration) return;
  calibrating = true;
  // A measurement starts only in an idle period with room for it (a busy page waits;
  // after 10 s it runs anyway, so the choice is made at all).
  const idle: (callback: () => void) => void =
    typeof requestIdleCallback === 'function'
      ? (callback) => {
          const waitingSince = performance.now();
          const attempt = (deadline: IdleDeadline) => {
            if (deadline.timeRemaining() >= 20 || performance.now() - waitingSince > 10000) callback();
            else requestIdleCallback(attempt, { timeout: 2000 });
          };
          requestIdleCallback(attempt, { timeout: 2000 });
        }
      : (callback) => setTimeout(callback, 50);
  const cpu: [number, number] = [0, 0];
  const webgl: [number, number] = [0, 0];
  const tasks = (['cpu', 'webgl'] as const).flatMap((name) => CALIBRATION_SIZES.map((rows, i) => ({ name, rows, i })));
  const next = () => {
    const task = tasks.shift();
    if (!task) {
      storeCalibration(cpu, webgl);
      calibrating = false;
      return;
    }
    if (contextLost || forced || !hardwareWebGL) {
      calibrating = false;
      return;
    }
    (task.name === 'cpu' ? cpu : webgl)[task.i] = timeReferenceUpdate(task.name, task.rows);
    idle(next);
  };
  // The webgl code loads first (its own chunk), then the measurements start.
  void loadWebGL().then((loaded) => {
    if (loaded) idle(next);
    else calibrating = false;
  });
}

/**
 * For tests and for pages that know better: replaces the WebGL probe that `auto`
 * consults (e.g. to treat a software renderer as a GPU and watch the calibration keep
 * small runs on cpu), or restores the real one with `null`.
 */
export function setWebGLProbe(replacement: (() => WebGLProbe) | null): void {
  probe = replacement ?? probeWebGL;
}
