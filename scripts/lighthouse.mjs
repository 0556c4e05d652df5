// Lighthouse (npm, pinned in package.json) on pages of a site that is already being served, in
// Debian's Chromium. Driven by scripts/lighthouse.py, which serves the site like GitHub Pages
// (gzip) and reads the JSON this prints.
//
//   node scripts/lighthouse.mjs '{"base": "http://127.0.0.1:8000/", "pages": [...]}'
//
// Each page: {"id": "forside", "path": "", "search": false}. A page with "search": true is also
// measured with the site search dialog open and showing results (a Lighthouse snapshot: it scores
// accessibility, best practices and SEO of the page as it is then; performance needs a page load).
// Lighthouse's defaults are kept: a mid-range phone, simulated slow 4G and 4x slower CPU, computed
// from the page's real load (simulated throttling, which the load on the machine disturbs little).
import lighthouse, {snapshot} from "lighthouse";
import puppeteer from "puppeteer-core";

const CHROMIUM = process.env.CHROME_PATH || "/usr/bin/chromium";
// Without the background-networking flags, Chromium tries to reach Google's hosts on its own.
const ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
  "--disable-default-apps", "--disable-extensions", "--mute-audio"];
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];

function summary(lhr) {
  const scores = {};
  for (const id of CATEGORIES) {
    const c = lhr.categories[id];
    if (c && c.score !== null) scores[id] = Math.round(c.score * 100);
  }
  const failing = [];
  for (const [id, cat] of Object.entries(lhr.categories)) {
    for (const ref of cat.auditRefs) {
      const a = lhr.audits[ref.id];
      if (ref.weight > 0 && a.score !== null && a.score < 1 &&
          !["notApplicable", "informative", "manual"].includes(a.scoreDisplayMode)) {
        failing.push({kategori: id, id: ref.id, score: a.score, verdi: a.displayValue || ""});
      }
    }
  }
  const m = lhr.audits.metrics && lhr.audits.metrics.details ? lhr.audits.metrics.details.items[0] : {};
  return {
    scores,
    failing,
    metrics: {fcp: m.firstContentfulPaint, lcp: m.largestContentfulPaint, si: m.speedIndex,
      tbt: m.totalBlockingTime, cls: m.cumulativeLayoutShift},
    benchmarkIndex: lhr.environment ? lhr.environment.benchmarkIndex : null,
    warnings: lhr.runWarnings || [],
    errors: lhr.runtimeError ? [lhr.runtimeError.message] : [],
  };
}

async function openSearch(page) {
  await page.waitForSelector("[data-ks-sok-apne]:not([hidden])", {timeout: 15000});
  await page.click("[data-ks-sok-apne]");
  await page.waitForSelector("#ks-sok-felt", {visible: true});
  await page.type("#ks-sok-felt", "kulturskole");
  await page.waitForSelector("[data-ks-sok-treff] li a", {visible: true, timeout: 15000});
}

const job = JSON.parse(process.argv[2]);
const browser = await puppeteer.launch({executablePath: CHROMIUM, args: ARGS, headless: true});
const results = [];
try {
  for (const p of job.pages) {
    const url = new URL(p.path, job.base).href;
    const page = await browser.newPage();
    try {
      const nav = await lighthouse(url, {output: "json", logLevel: "error", onlyCategories: CATEGORIES},
        undefined, page);
      results.push({id: p.id, url, mode: "navigation", ...summary(nav.lhr)});
      if (p.search) {
        await page.goto(url, {waitUntil: "load"});
        await openSearch(page);
        const snap = await snapshot(page, {flags: {logLevel: "error",
          onlyCategories: ["accessibility", "best-practices", "seo"]}});
        results.push({id: p.id + "-sokedialog", url, mode: "snapshot", ...summary(snap.lhr)});
      }
    } catch (e) {
      results.push({id: p.id, url, mode: "error", scores: {}, failing: [], metrics: {}, errors: [String(e)]});
    } finally {
      await page.close();
    }
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(results) + "\n");
