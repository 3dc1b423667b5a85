// The HTML report as a lawyer sees it: every bundled agreement × scenario
// (the letter at five more "as of" dates, for the axis at every span, and
// five pages with `--explain`)
// rendered by clausec, opened in headless Chromium at a desktop size and as
// printed, screenshotted, and checked:
//   - no two pieces of text overlap (by more than a pixel either way);
//   - no text is smaller than 8 pt in print;
//   - a timeline row's labels end left of its marks (`data-room`).
//
//   cd tests/browser && npm ci && node check.mjs
//
// Environment: CLAUSEC (the binary; default target/debug/clausec, then
// target/release/clausec), CHROMIUM (default /usr/bin/chromium), OUT (where
// the pages and screenshots go; default tests/browser/out), ONLY (a
// substring: check only the pages whose name contains it), SHOTS=none (the
// DOM checks alone, no screenshots: about three times faster, for CI).

import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const out = resolve(process.env.OUT ?? join(here, 'out'));
const clausec =
  process.env.CLAUSEC ??
  [join(root, 'target', 'debug', 'clausec'), join(root, 'target', 'release', 'clausec')].find(existsSync);
if (!clausec || !existsSync(clausec)) {
  console.error('no clausec binary: run `cargo build` first, or set CLAUSEC');
  process.exit(2);
}

// A4 with the page's 10 mm margins: 190 mm of text width at 96 px per inch.
const PRINT = { width: Math.floor((190 / 25.4) * 96), height: 1000 };
const DESKTOP = { width: 1280, height: 900 };
const SMALLEST_PT = 8;
const SHOTS = process.env.SHOTS !== 'none';

/** Every agreement × scenario, its page written to out/html. */
function pages() {
  mkdirSync(join(out, 'html'), { recursive: true });
  mkdirSync(join(out, 'shots'), { recursive: true });
  const found = [];
  const clauses = join(root, 'clauses');
  for (const agreement of readdirSync(clauses).sort()) {
    const scenarios = join(clauses, agreement, 'scenarios');
    if (!existsSync(scenarios)) continue;
    for (const file of readdirSync(scenarios).sort()) {
      if (!file.endsWith('.scenario')) continue;
      const name = `${agreement}__${file.replace(/\.scenario$/, '')}`;
      if (process.env.ONLY && !name.includes(process.env.ONLY)) continue;
      const html = execFileSync(
        clausec,
        ['obligations', join(clauses, agreement), '--scenario', join(scenarios, file), '--format', 'html'],
        { maxBuffer: 64 << 20 },
      );
      const path = join(out, 'html', `${name}.html`);
      writeFileSync(path, html);
      found.push({ name, path });
    }
  }
  // The letter again at other "as of" dates, so that the axis is checked
  // at spans from days to millennia.
  for (const asOf of ['2002-06-08', '2002-07-15', '2012-06-30', '2150-01-01', '9999-12-31']) {
    const name = `lovelock-severance__base__as-of-${asOf}`;
    if (process.env.ONLY && !name.includes(process.env.ONLY)) continue;
    const html = execFileSync(clausec, [
      'obligations', join(clauses, 'lovelock-severance'), '--scenario', 'base', '--as-of', asOf, '--format', 'html',
    ]);
    const path = join(out, 'html', `${name}.html`);
    writeFileSync(path, html);
    found.push({ name, path });
  }
  // With `--explain`: each amount's arithmetic in a row of its own.
  for (const [agreement, scenario] of [
    ['lovelock-severance', 'late_installment'],
    ['harbor-note', 'base'],
    ['quarry-street-lease', 'holdover'],
    ['lathe-purchase-order', 'force-majeure'],
    ['settlement-installments', 'acceleration'],
  ]) {
    const name = `${agreement}__${scenario}__explain`;
    if (process.env.ONLY && !name.includes(process.env.ONLY)) continue;
    const html = execFileSync(clausec, [
      'obligations', join(clauses, agreement), '--scenario', scenario, '--format', 'html', '--explain',
    ], { maxBuffer: 64 << 20 });
    const path = join(out, 'html', `${name}.html`);
    writeFileSync(path, html);
    found.push({ name, path });
  }
  return found;
}

/** Runs in the page: every piece of text with its box and size in pt. */
function textBoxes() {
  const boxes = [];
  const add = (rect, text, px, where) => {
    if (rect.width > 0 && rect.height > 0) {
      boxes.push({ x: rect.left, y: rect.top, w: rect.width, h: rect.height, text, pt: px * 0.75, where });
    }
  };
  // HTML text: each line box of each text node.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let id = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    id += 1;
    const parent = node.parentElement;
    if (!node.textContent.trim() || !parent || parent.closest('svg')) continue;
    const px = parseFloat(getComputedStyle(parent).fontSize);
    range.selectNodeContents(node);
    for (const rect of range.getClientRects()) add(rect, node.textContent.trim().slice(0, 50), px, `html#${id}`);
  }
  // SVG text, at the size it is drawn (its font size times the drawing's scale).
  for (const text of document.querySelectorAll('svg text')) {
    id += 1;
    const ctm = text.getScreenCTM();
    const scale = ctm ? Math.hypot(ctm.a, ctm.b) : 1;
    const px = parseFloat(getComputedStyle(text).fontSize) * scale;
    add(text.getBoundingClientRect(), text.textContent.trim().slice(0, 50), px, `svg#${id}`);
  }
  // Text that must end within so many units of its drawing's left edge
  // (a timeline row's labels, left of its marks).
  for (const text of document.querySelectorAll('svg text[data-room]')) {
    const svg = text.ownerSVGElement;
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    const right = (text.getBoundingClientRect().right - svg.getBoundingClientRect().left) / scale;
    if (right > Number(text.dataset.room) + 0.5) {
      boxes.push({ x: 0, y: 0, w: 0, h: 0, text: text.textContent, pt: 99, where: 'room', over: right - Number(text.dataset.room) });
    }
  }
  return boxes;
}

/** Pairs of boxes that overlap by more than a pixel both ways. */
function overlaps(boxes) {
  const sorted = [...boxes].sort((a, b) => a.y - b.y);
  const found = [];
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i];
    for (let j = i + 1; j < sorted.length && sorted[j].y < a.y + a.h; j++) {
      const b = sorted[j];
      if (a.where === b.where) continue;
      const dx = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
      const dy = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
      if (dx > 1 && dy > 1) found.push(`"${a.text}" and "${b.text}" (${dx.toFixed(1)} × ${dy.toFixed(1)} px)`);
    }
  }
  return found;
}

/** The check sees what it looks for: on a page made to fail, it finds the
 *  overlapping words (in HTML and in SVG), the 6 pt text and the label
 *  longer than its room. */
async function selfTest(page) {
  await page.emulateMedia({ media: 'print' });
  await page.setContent(`<body style="font-size:12pt">
    <p style="position:absolute;top:10px;left:10px">overlapping</p>
    <p style="position:absolute;top:14px;left:20px">words</p>
    <p style="position:absolute;top:200px;font-size:6pt">tiny</p>
    <svg width="300" height="60" viewBox="0 0 300 60" style="position:absolute;top:300px"><text x="5" y="20">Jan 2</text><text x="30" y="20">Apr 2028</text><text x="5" y="50" data-room="40">a label too long for its room</text></svg>
  </body>`);
  const boxes = await page.evaluate(textBoxes);
  const found = overlaps(boxes);
  const small = boxes.filter((b) => b.pt < SMALLEST_PT - 0.01);
  const over = boxes.filter((b) => b.over);
  if (found.length !== 2 || small.length !== 1 || over.length !== 1) {
    console.error(`the check does not see what it should: ${JSON.stringify({ found, small, over })}`);
    process.exit(2);
  }
}

/** A screenshot of one part of the page (the timeline), if it is there. */
async function shoot(locator, file) {
  if (await locator.count()) await locator.first().screenshot({ path: join(out, 'shots', file) });
}

async function main() {
  const list = pages();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox'],
  });
  const context = await browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  await selfTest(page);
  let passed = 0;
  let failed = 0;
  for (const { name, path } of list) {
    const problems = [];
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize(DESKTOP);
    await page.goto(pathToFileURL(path).href);
    if (SHOTS) {
      await page.screenshot({ path: join(out, 'shots', `${name}.desktop.png`), fullPage: true });
      await page.screenshot({ path: join(out, 'shots', `${name}.desktop-top.png`) });
      await shoot(page.locator('section.timeline'), `${name}.timeline.png`);
    }
    const desktop = await page.evaluate(textBoxes);
    for (const pair of overlaps(desktop)) problems.push(`desktop: overlap ${pair}`);
    for (const box of desktop.filter((b) => b.over)) problems.push(`desktop: "${box.text}" runs ${box.over.toFixed(1)} px into the marks`);

    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize(PRINT);
    if (SHOTS) {
      await page.screenshot({ path: join(out, 'shots', `${name}.print.png`), fullPage: true });
      await shoot(page.locator('section.timeline'), `${name}.print-timeline.png`);
    }
    const printed = await page.evaluate(textBoxes);
    for (const pair of overlaps(printed)) problems.push(`print: overlap ${pair}`);
    for (const box of printed.filter((b) => b.over)) problems.push(`print: "${box.text}" runs ${box.over.toFixed(1)} px into the marks`);
    for (const box of printed.filter((b) => b.pt < SMALLEST_PT - 0.01)) {
      problems.push(`print: "${box.text}" at ${box.pt.toFixed(2)} pt`);
    }

    if (problems.length) {
      failed += 1;
      console.log(`FAIL ${name}`);
      for (const p of problems.slice(0, 20)) console.log(`  ${p}`);
      if (problems.length > 20) console.log(`  ... and ${problems.length - 20} more`);
    } else {
      passed += 1;
      console.log(`ok   ${name}`);
    }
  }
  await browser.close();
  if (SHOTS) console.log(`screenshots in ${join(out, 'shots')}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
