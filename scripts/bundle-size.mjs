// Measures the JavaScript each page of the production build loads: the entry script and
// every module it preloads or imports, raw and gzip-compressed (level 9). Run after
// `npm run build`; prints a Markdown table for docs/benchmarks.md.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const DIST = process.argv[2] ?? 'dist';

/** Collects the JS files a page loads: `<script src>`, `<link rel=modulepreload>`, and their static imports. */
async function pageScripts(htmlFile) {
  const html = await readFile(join(DIST, htmlFile), 'utf8');
  const pattern = /<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\.?\/?([^"]+\.js)"/g;
  const pending = [...html.matchAll(pattern)].map((match) => match[1]);
  const seen = new Set();

  while (pending.length > 0) {
    const file = pending.pop();
    if (seen.has(file)) {
      continue;
    }
    seen.add(file);
    const code = await readFile(join(DIST, file), 'utf8');
    for (const match of code.matchAll(/(?:import|from)\s*["']\.\/([^"']+\.js)["']/g)) {
      pending.push(join('assets', match[1]));
    }
  }
  return [...seen];
}

async function measure(files) {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const content = await readFile(join(DIST, file));
    raw += content.length;
    gzip += gzipSync(content, { level: 9 }).length;
  }
  return { raw, gzip };
}

const kilobytes = (bytes) => (bytes / 1000).toFixed(1);
const pages = (await readdir(DIST)).filter((file) => file.endsWith('.html')).sort();

console.log('| Page | JS files | Raw (kB) | Gzip (kB) |');
console.log('| --- | ---: | ---: | ---: |');
for (const page of pages) {
  const files = await pageScripts(page);
  const { raw, gzip } = await measure(files);
  console.log(`| ${page} | ${files.length} | ${kilobytes(raw)} | ${kilobytes(gzip)} |`);
}
