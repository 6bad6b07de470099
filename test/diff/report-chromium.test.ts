/**
 * Opens report.html in headless Chromium, as a person would open it: the
 * DOM after the page's script ran must show every method's side-by-side
 * listing, and a screenshot is kept under test-output/diff/ for a look.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatReportHtml } from '../../src/diff/report-html.js';
import { sampleRun } from './sample-report.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const outputDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../test-output/diff');

function chromium(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const profile = mkdtempSync(join(tmpdir(), 'tspmi-chromium-'));
  try {
    const r = spawnSync(CHROMIUM, [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`, ...args,
    ], { encoding: 'utf8', timeout: 90_000, maxBuffer: 64 * 1024 * 1024 });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

const title = hasChromium
  ? 'renders report.html in headless Chromium: listings side by side, script run, screenshot kept'
  : `renders report.html in headless Chromium (skipped: ${CHROMIUM} not found)`;

describe('report.html in a browser', () => {
  it.skipIf(!hasChromium)(title, () => {
    mkdirSync(outputDir, { recursive: true });
    const { report, listings } = sampleRun();
    const page = join(outputDir, 'report.html');
    writeFileSync(page, formatReportHtml(report, (context) => listings.get(context) ?? {}));
    const url = pathToFileURL(page).href;

    const dom = chromium(['--dump-dom', url]);
    expect(dom.status, dom.stderr).toBe(0);
    expect(dom.stdout).toContain('data-ready="yes"');
    for (const row of report.rows) expect(dom.stdout).toContain(`id="ctx-${row.context}"`);
    expect((dom.stdout.match(/<table class="sbs">/g) ?? []).length).toBe(report.rows.length);
    expect(dom.stdout).toMatch(/<tr class="changed">/);
    expect(dom.stdout).toMatch(/<tr class="removed">|<tr class="added">/);
    expect(dom.stdout).toContain('<ins>CORINFO_HELP_ASYNC_CAPTURE_CONTEXTS</ins>');

    const screenshot = join(outputDir, 'report.png');
    rmSync(screenshot, { force: true });
    const shot = chromium([`--screenshot=${screenshot}`, '--window-size=1400,1000', url]);
    expect(shot.status, shot.stderr).toBe(0);
    expect(statSync(screenshot).size).toBeGreaterThan(10_000);
  }, 180_000);
});
