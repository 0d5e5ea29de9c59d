// Finds the browsers for the tests: a Chromium/Chrome, and Firefox (ESR). On a fresh
// Debian machine where one is missing and we run as root, installs Debian's `chromium`
// or `firefox-esr` (Chromium also on Ubuntu); elsewhere stops with one line that says
// what to install.
import { existsSync, readFileSync } from 'node:fs';
import { execSync } from 'node:child_process';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

function firstExisting() {
  if (process.env.CHROME_PATH && existsSync(process.env.CHROME_PATH)) return process.env.CHROME_PATH;
  return CANDIDATES.find((candidate) => existsSync(candidate));
}

const FIREFOX_CANDIDATES = [
  '/usr/lib/firefox-esr/firefox-esr',
  '/usr/bin/firefox-esr',
  '/usr/bin/firefox',
  '/Applications/Firefox.app/Contents/MacOS/firefox',
];

function isDebianLike(pattern = /\b(debian|ubuntu)\b/i) {
  try {
    return pattern.test(readFileSync('/etc/os-release', 'utf8'));
  } catch {
    return false;
  }
}

function firstFirefox() {
  if (process.env.FIREFOX_PATH && existsSync(process.env.FIREFOX_PATH)) return process.env.FIREFOX_PATH;
  return FIREFOX_CANDIDATES.find((candidate) => existsSync(candidate));
}

/** Firefox for the second browser run (Ubuntu's `firefox` is a snap wrapper; use Debian's ESR). */
export function findFirefox() {
  let found = firstFirefox();
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && isDebianLike(/\bdebian\b/i)) {
    console.log("gd-kit: no Firefox found; installing Debian's firefox-esr package (apt-get) ...");
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq firefox-esr >/dev/null', {
      stdio: 'inherit',
      shell: '/bin/bash',
    });
    found = firstFirefox();
    if (found) return found;
  }
  console.error(
    'gd-kit: no Firefox found. Install one (Debian: `sudo apt-get install firefox-esr`) or set FIREFOX_PATH to its executable.',
  );
  process.exit(1);
}

export function findBrowser() {
  let found = firstExisting();
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && isDebianLike()) {
    console.log("gd-kit: no Chromium found; installing Debian's chromium package (apt-get) ...");
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null', {
      stdio: 'inherit',
      shell: '/bin/bash',
    });
    found = firstExisting();
    if (found) return found;
  }
  console.error(
    'gd-kit: no Chromium or Chrome found. Install one (Debian/Ubuntu: `sudo apt-get install chromium`) or set CHROME_PATH to its executable.',
  );
  process.exit(1);
}

export const CHROME_FLAGS = [
  '--no-sandbox',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(findBrowser());
  console.log(findFirefox());
}
