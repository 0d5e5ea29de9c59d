// A test-runner reporter that repeats every failure as one plain line once the run ends,
// then names the slowest test files.
// The default reporter prints a failure where its file finished, in the middle of a long,
// redrawn progress log; CI keeps only the log's tail, so the names must also be at the end.
import { appendFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Every failed test of a suite tree, as [path of titles, error]. */
function failedTests(suite, titles = []) {
  const own = suite.name ? [...titles, suite.name] : titles;
  return [
    ...suite.tests.filter((test) => !test.passed && !test.skipped).map((test) => [[...own, test.name], test.error]),
    ...suite.suites.flatMap((child) => failedTests(child, own)),
  ];
}

/** The summed durations (ms) of a suite tree's tests. */
function testTime(suite) {
  return suite.tests.reduce((sum, test) => sum + (test.duration ?? 0), 0) + suite.suites.reduce((sum, child) => sum + testTime(child), 0);
}

/** Every test of a suite tree with its duration (ms), as [path of titles, ms]. */
function testDurations(suite, titles = []) {
  const own = suite.name ? [...titles, suite.name] : titles;
  return [
    ...suite.tests.map((test) => [[...own, test.name], test.duration ?? 0]),
    ...suite.suites.flatMap((child) => testDurations(child, own)),
  ];
}

/** The first line of an error's message, short enough for one log line. */
function firstLine(error) {
  const text = error ? `${error.name ? `${error.name}: ` : ''}${error.message ?? ''}` : 'failed';
  const line = text.split('\n')[0];
  return line.length > 240 ? `${line.slice(0, 240)}…` : line;
}

export function failuresReporter() {
  return {
    stop({ sessions }) {
      const lines = [];
      for (const session of sessions) {
        const where = `[${session.browser.name}] ${path.relative(process.cwd(), session.testFile)}`;
        for (const error of session.errors ?? []) lines.push([where, firstLine(error)]);
        if (session.testResults) {
          for (const [titles, error] of failedTests(session.testResults))
            lines.push([`${where} › ${titles.join(' › ')}`, firstLine(error)]);
        }
      }
      for (const [test, error] of lines) console.log(`gd-kit failed test: ${test}: ${error}`);
      // npm run test:stress collects the failures of several runs from here (one JSON line each).
      if (process.env.GD_KIT_FAILURES_FILE) {
        for (const [test, error] of lines) appendFileSync(process.env.GD_KIT_FAILURES_FILE, `${JSON.stringify({ test, error })}\n`);
      }
      // Every test's time, for finding where the run's time goes (GD_KIT_TIMES_FILE=path).
      if (process.env.GD_KIT_TIMES_FILE) {
        const rows = sessions.flatMap((session) =>
          session.testResults
            ? testDurations(session.testResults).map(([titles, ms]) => ({
                browser: session.browser.name,
                file: path.relative(process.cwd(), session.testFile),
                test: titles.join(' › '),
                ms,
              }))
            : [],
        );
        writeFileSync(process.env.GD_KIT_TIMES_FILE, JSON.stringify(rows));
      }
      // Where the run's time goes (CI has a time budget): the files whose tests took longest.
      const slowest = sessions
        .map((session) => [session, session.testResults ? testTime(session.testResults) : 0])
        .sort((a, b) => b[1] - a[1])
        .slice(0, 8);
      for (const [session, ms] of slowest) {
        console.log(
          `gd-kit slow test file: ${(ms / 1000).toFixed(1)} s [${session.browser.name}] ${path.relative(process.cwd(), session.testFile)}`,
        );
      }
    },
  };
}
