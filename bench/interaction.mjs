// The interaction benchmark: what a reader feels on a freshly loaded page. Each run opens
// bench/interaction.html in a new browser context (cold caches, nothing warmed up) and
// drives it with real input through the browser's input pipeline (CDP mouse events, as a
// person's pointer arrives), while the page records frames and long tasks from its first
// line. Reports the median over the runs of each run's figure.

/** The median of the finite samples (the page side has its own in bench/stats.ts; this runs in Node). */
function median(samples) {
  const sorted = samples.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.ceil(sorted.length / 2) - 1];
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The box of an element inside a widget's shadow root, on the page (after scrolling it into view). */
async function box(page, host, selector, index = 0) {
  return page.evaluate(
    async (host, selector, index) => {
      const element = [...document.querySelector(host).shadowRoot.querySelectorAll(selector)][index];
      if (!element) throw new Error(`${host}: no ${selector} #${index}`);
      element.scrollIntoView({ block: 'center' });
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      const { x, y, width, height } = element.getBoundingClientRect();
      return { x, y, width, height };
    },
    host,
    selector,
    index,
  );
}

const pageNow = (page) => page.evaluate(() => performance.now());
const stretch = (page, from, to) => page.evaluate((from, to) => window.__recorder.window(from, to), from, to);
const iteration = (page) => page.evaluate(() => document.querySelector('gd-optimizer-race').iteration);

/** Moves the mouse from one point to another over `ms`, one move per ~16 ms, as a hand would. */
async function sweep(page, from, to, ms) {
  const moves = Math.max(2, Math.round(ms / 16));
  const t0 = Date.now();
  for (let i = 1; i <= moves; i++) {
    const f = i / moves;
    await page.mouse.move(from.x + (to.x - from.x) * f, from.y + (to.y - from.y) * f);
    const wait = t0 + (i * ms) / moves - Date.now();
    if (wait > 0) await sleep(wait);
  }
}

/**
 * Time from `since` (page clock) until the race's canvases stop changing: the last frame
 * that changed a pixel is when the full preview was on screen. Watches for `ms`.
 */
function settledAfter(page, since, ms) {
  return page.evaluate(
    (since, ms) =>
      new Promise((resolve) => {
        const canvases = [...document.querySelector('gd-optimizer-race').shadowRoot.querySelectorAll('canvas')].filter(
          (canvas) => canvas.width > 1 && canvas.height > 1 && !canvas.classList.contains('thumb-image'),
        );
        const hash = () => {
          let h = 0;
          for (const canvas of canvases) {
            const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
            for (let i = 0; i < data.length; i += 7) h = (h * 31 + data[i]) | 0;
          }
          return h;
        };
        let last = hash();
        let changedAt = since;
        const end = performance.now() + ms;
        const tick = () => {
          const now = performance.now();
          const h = hash();
          if (h !== last) {
            last = h;
            changedAt = now;
          }
          if (now < end) requestAnimationFrame(tick);
          else resolve(Math.max(0, changedAt - since));
        };
        requestAnimationFrame(tick);
      }),
    since,
    ms,
  );
}

async function oneRun(browser, base, { long }) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 1200, height: 900 });
  const result = {};
  const phases = [];
  const mark = async (name) => phases.push({ name, at: await pageNow(page) });
  try {
    await page.goto(`${base}/bench/interaction.html`);
    await page.waitForFunction(() => window.__recorder?.ready, { timeout: 60000, polling: 50 });
    const firstPaint = await page.evaluate(() => window.__recorder.firstPaint);

    // Fresh play: Play pressed 200 ms after the race appeared; the first 5 s.
    await sleep(200);
    const play = await box(page, 'gd-optimizer-race', 'button.play');
    await page.mouse.click(play.x + play.width / 2, play.y + play.height / 2);
    const playAt = await pageNow(page);
    phases.push({ name: 'play', at: playAt });
    const i0 = await iteration(page);
    await sleep(5000);
    const early = await stretch(page, playAt, playAt + 5000);
    result.playP95 = early.p95;
    result.playLongest = early.longest;
    result.playUpdates = ((await iteration(page)) - i0) / 5;
    if (long) {
      await sleep(55000);
      const lateAt = await pageNow(page);
      const i1 = await iteration(page);
      await sleep(5000);
      const late = await stretch(page, lateAt, lateAt + 5000);
      result.lateP95 = late.p95;
      result.lateLongest = late.longest;
      result.lateUpdates = ((await iteration(page)) - i1) / 5;
    }
    await mark('pause');
    const pause = await box(page, 'gd-optimizer-race', 'button.play');
    await page.mouse.click(pause.x + pause.width / 2, pause.y + pause.height / 2);
    await sleep(300);

    // Drag the start point for 3 s along a loop, then hold still.
    const handle = await box(page, 'gd-optimizer-race', '.handle');
    const cx = handle.x + handle.width / 2;
    const cy = handle.y + handle.height / 2;
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    const dragAt = await pageNow(page);
    phases.push({ name: 'drag', at: dragAt });
    const t0 = Date.now();
    while (Date.now() - t0 < 3000) {
      const phase = ((Date.now() - t0) / 3000) * 2 * Math.PI;
      await page.mouse.move(cx + 120 * Math.sin(phase), cy + 60 * (1 - Math.cos(phase)));
      await sleep(12);
    }
    const stopAt = await pageNow(page);
    result.previewMs = await settledAfter(page, stopAt, 600);
    await page.mouse.up();
    const drag = await stretch(page, dragAt, stopAt);
    result.dragP95 = drag.p95;
    result.dragLongest = Math.max(drag.longest, (await stretch(page, stopAt, await pageNow(page))).longest);
    await sleep(300);

    // Landscape switches: four thumbnails clicked, 700 ms apart.
    const switchAt = await pageNow(page);
    phases.push({ name: 'switch', at: switchAt });
    for (const index of [1, 3, 5, 7]) {
      const thumb = await box(page, 'gd-optimizer-race', 'label.thumb', index);
      await page.mouse.click(thumb.x + thumb.width / 2, thumb.y + thumb.height / 2);
      await sleep(700);
    }
    result.switchLongest = (await stretch(page, switchAt, await pageNow(page))).longest;

    // Every slider of every element dragged across most of its track in 1 s.
    for (const host of ['gd-optimizer-race', 'gd-line-fit', 'gd-curvature']) {
      const count = await page.evaluate(
        (host) => document.querySelector(host).shadowRoot.querySelectorAll('input[type=range]').length,
        host,
      );
      await mark(`sliders:${host}`);
      let longest = 0;
      let p95 = 0;
      for (let index = 0; index < count; index++) {
        const slider = await box(page, host, 'input[type=range]', index);
        const y = slider.y + slider.height / 2;
        await page.mouse.move(slider.x + slider.width * 0.15, y);
        await page.mouse.down();
        const from = await pageNow(page);
        await sweep(page, { x: slider.x + slider.width * 0.15, y }, { x: slider.x + slider.width * 0.85, y }, 1000);
        await page.mouse.up();
        await sleep(400);
        const stats = await stretch(page, from, await pageNow(page));
        longest = Math.max(longest, stats.longest);
        p95 = Math.max(p95, stats.p95);
      }
      result[`slider:${host}`] = longest;
      result[`sliderP95:${host}`] = p95;
    }
    result.loadLongest = await page.evaluate(
      (firstPaint) => Math.max(0, ...window.__recorder.longTasks.filter((t) => t.start < firstPaint).map((t) => t.duration)),
      firstPaint,
    );
    // Which phase each long task after first paint fell in (printed per run, to find them).
    const over50 = await page.evaluate(
      (firstPaint) => window.__recorder.longTasks.filter((t) => t.start >= firstPaint && t.duration > 50),
      firstPaint,
    );
    const phaseOf = (start) => phases.filter((phase) => phase.at <= start).at(-1)?.name ?? 'before play';
    result.longTasks = over50.map((t) => `${phaseOf(t.start)}:${Math.round(t.duration)}`).join(' ');
    result.afterPaintOver50 = await page.evaluate(
      (firstPaint) => window.__recorder.longTasks.filter((t) => t.start >= firstPaint && t.duration > 50).length,
      firstPaint,
    );
  } finally {
    await context.close();
  }
  return result;
}

/** Runs the interaction benchmark `runs` times, each on a fresh page; reports medians. */
export async function runInteraction(browser, base, report, { runs = 5, long = true } = {}) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    const result = await oneRun(browser, base, { long });
    console.log(
      `  [interaction] run ${i + 1}/${runs}: ${JSON.stringify(result, (key, value) => (typeof value === 'number' ? +value.toFixed(1) : value))}`,
    );
    results.push(result);
  }
  const med = (key) => median(results.map((result) => result[key]));
  const name = (text) => `${text}, median of ${runs} fresh pages`;
  report('interaction', name('race, Play 200 ms after load: frame interval p95 over the first 5 s (budget ≤ 16.7)'), med('playP95'), 'ms');
  report('interaction', name('race, first 5 s of play: updates/s per optimizer (budget ≥ 240)'), med('playUpdates'), 'updates/s');
  report('interaction', name('race, first 5 s of play: longest main-thread task (budget ≤ 50)'), med('playLongest'), 'ms');
  if (long) {
    report('interaction', name('race after 60 s of play: frame interval p95 (budget ≤ 16.7)'), med('lateP95'), 'ms');
    report('interaction', name('race after 60 s of play: updates/s per optimizer (budget ≥ 240)'), med('lateUpdates'), 'updates/s');
    report('interaction', name('race after 60 s of play: longest task'), med('lateLongest'), 'ms');
  }
  report('interaction', name('race, start dragged 3 s (real pointer): frame interval p95 (budget ≤ 16.7)'), med('dragP95'), 'ms');
  report('interaction', name('race drag: pointer stops → full 100-step preview on screen (budget ≤ 100)'), med('previewMs'), 'ms');
  report('interaction', name('race drag: longest task (budget ≤ 50)'), med('dragLongest'), 'ms');
  report('interaction', name('race: 4 landscape switches by click: longest task (budget ≤ 50)'), med('switchLongest'), 'ms');
  for (const host of ['gd-optimizer-race', 'gd-line-fit', 'gd-curvature']) {
    report('interaction', name(`${host}: every slider dragged: longest task (budget ≤ 50)`), med(`slider:${host}`), 'ms');
    report('interaction', name(`${host}: every slider dragged: frame interval p95`), med(`sliderP95:${host}`), 'ms');
  }
  report('interaction', name('tasks > 50 ms after first paint, whole run (budget 0)'), med('afterPaintOver50'), 'tasks');
  report('interaction', `worst run: tasks > 50 ms after first paint`, Math.max(...results.map((r) => r.afterPaintOver50)), 'tasks');
  report('interaction', name('longest task while loading (before first paint; not budgeted)'), med('loadLongest'), 'ms');
}

/**
 * Swarm mode on a fresh page: `<gd-optimizer-race landscape="himmelblau" swarm="1000">`
 * (4,000 particles besides the race's own four), Play pressed 200 ms after load. The
 * swarm takes what fits a few ms per frame, so the frames should stay at 60 Hz.
 */
async function oneSwarmRun(browser, base) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 1200, height: 900 });
  try {
    await page.goto(`${base}/bench/interaction-swarm.html`);
    await page.waitForFunction(() => window.__recorder?.ready, { timeout: 60000, polling: 50 });
    await sleep(200);
    const play = await box(page, 'gd-optimizer-race', 'button.play');
    await page.mouse.click(play.x + play.width / 2, play.y + play.height / 2);
    const playAt = await pageNow(page);
    // Whether the swarm keeps pace with the race: both counts, every 250 ms of the 5 s.
    const pace = [];
    for (let i = 0; i < 20; i++) {
      await sleep(250);
      pace.push(
        await page.evaluate(() => {
          const race = document.querySelector('gd-optimizer-race');
          return { swarm: race.swarmTally.iteration, race: race.iteration };
        }),
      );
    }
    const early = await stretch(page, playAt, playAt + 5000);
    const swarmSteps = await page.evaluate(() => document.querySelector('gd-optimizer-race').swarmTally.iteration);
    // Samples where the swarm was behind the race, not counting a swarm done with its 500.
    const behind = pace.filter((p) => p.swarm < 500 && p.swarm < p.race).length;
    // How far behind at worst, in updates: its share of a frame runs in the task after the frame's.
    const gap = Math.max(0, ...pace.filter((p) => p.swarm < 500).map((p) => p.race - p.swarm));
    const raceUpdates = (await iteration(page)) / 5;
    // Still playing: momentum's basin map (64 × 64 starts, 500 updates each) is worked out
    // beside the race and its swarm, from the select a reader would use.
    await box(page, 'gd-optimizer-race', 'select');
    await page.evaluate(() => document.querySelector('gd-optimizer-race').shadowRoot.querySelector('select').focus());
    // Off → Gradient descent → Momentum, as keys change a closed select.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const basinsFrom = await pageNow(page);
    await page.waitForFunction(() => document.querySelector('gd-optimizer-race').basinMap, { timeout: 120000, polling: 100 });
    const basinsTo = await pageNow(page);
    const basins = await stretch(page, basinsFrom, basinsTo);
    return {
      playP95: early.p95,
      playLongest: early.longest,
      raceUpdates,
      swarmSteps,
      swarmBehind: behind,
      swarmGap: gap,
      basinsMs: basinsTo - basinsFrom,
      basinsP95: basins.p95,
      basinsLongest: basins.longest,
    };
  } finally {
    await context.close();
  }
}

/** Runs the swarm case `runs` times, each on a fresh page; reports medians. */
export async function runSwarmInteraction(browser, base, report, { runs = 5 } = {}) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    const result = await oneSwarmRun(browser, base);
    console.log(
      `  [interaction] swarm run ${i + 1}/${runs}: ${JSON.stringify(result, (key, value) => (typeof value === 'number' ? +value.toFixed(1) : value))}`,
    );
    results.push(result);
  }
  const med = (key) => median(results.map((result) => result[key]));
  const name = (text) => `${text}, median of ${runs} fresh pages`;
  report(
    'interaction',
    name('race swarm="1000", Play 200 ms after load: frame interval p95 over the first 5 s (budget ≤ 16.7)'),
    med('playP95'),
    'ms',
  );
  report('interaction', name('race swarm="1000", first 5 s of play: longest main-thread task (budget ≤ 50)'), med('playLongest'), 'ms');
  report(
    'interaction',
    `race swarm="1000", first 5 s of play: fresh pages (of ${runs}) with a task over 50 ms (budget 0)`,
    results.filter((result) => result.playLongest > 50).length,
    'pages',
  );
  report('interaction', name('race swarm="1000", first 5 s of play: race updates/s per optimizer'), med('raceUpdates'), 'updates/s');
  report('interaction', name('race swarm="1000", first 5 s of play: swarm updates made (of 500)'), med('swarmSteps'), 'steps');
  report(
    'interaction',
    name(
      'race swarm="1000", first 5 s of play: samples (of 20, every 250 ms) where the swarm, short of 500, had made fewer updates than the race',
    ),
    med('swarmBehind'),
    'samples',
  );
  report(
    'interaction',
    `race swarm="1000", first 5 s of play: most updates the swarm, short of 500, was behind the race, worst of ${runs} fresh pages`,
    Math.max(...results.map((result) => result.swarmGap)),
    'updates',
  );

  report('interaction', name('the same, still playing: Momentum picked as basin map → 64 × 64 map shown'), med('basinsMs'), 'ms');
  report('interaction', name('the same: frame interval p95 while the basin map is worked out (budget ≤ 16.7)'), med('basinsP95'), 'ms');
  report(
    'interaction',
    name('the same: longest main-thread task while the basin map is worked out (budget ≤ 50)'),
    med('basinsLongest'),
    'ms',
  );
}
