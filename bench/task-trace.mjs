// Main-thread tasks from a Chromium trace, per phase a page marks with
// performance.mark('gd-bench:<phase>:start') and …:end. Each task is measured twice: its
// wall time (what the Long Tasks API reports) and its main-thread CPU time. On a machine
// whose cores other processes share, a task is often descheduled, and its wall time
// grows with the load, not with the kit's work; the CPU time is what the kit asked of
// the thread, so both are reported.

/** Starts a trace of the page's tasks and marks (small: two categories). */
export function startTaskTrace(page) {
  return page.tracing.start({ categories: ['toplevel', 'blink.user_timing'] });
}

/** Stops the trace; resolves with, per phase, the longest task (wall and CPU, ms), the tasks over 50 ms and the main thread's busy share (CPU). */
export async function stopTaskTrace(page) {
  const buffer = await page.tracing.stop();
  const parsed = JSON.parse(new TextDecoder().decode(buffer));
  const events = parsed.traceEvents ?? parsed;
  const marks = events.filter((e) => typeof e.name === 'string' && e.name.startsWith('gd-bench:'));
  const pids = new Set(marks.map((e) => e.pid));
  const mainThreads = new Set(
    events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && pids.has(e.pid)).map((e) => `${e.pid}:${e.tid}`),
  );
  const tasks = events.filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && mainThreads.has(`${e.pid}:${e.tid}`));
  const phases = new Map();
  for (const mark of marks) {
    const [, phase, edge] = mark.name.match(/^gd-bench:(.*):(start|end)$/) ?? [];
    if (!phase) continue;
    const entry = phases.get(phase) ?? {};
    entry[edge] = mark.ts;
    phases.set(phase, entry);
  }
  const results = [];
  for (const [phase, { start, end }] of phases) {
    if (start === undefined || end === undefined) continue;
    const inside = tasks.filter((task) => task.ts + task.dur > start && task.ts < end);
    const wall = inside.map((task) => task.dur / 1000);
    const cpu = inside.map((task) => (task.tdur ?? task.dur) / 1000);
    results.push({
      phase,
      longestWall: Math.max(0, ...wall),
      longestCpu: Math.max(0, ...cpu),
      overWall: wall.filter((ms) => ms > 50).length,
      overCpu: cpu.filter((ms) => ms > 50).length,
      // The share of the phase the main thread spent running the page's tasks (CPU time).
      busyCpu: cpu.reduce((sum, ms) => sum + ms, 0) / ((end - start) / 1000),
    });
  }
  return results;
}
