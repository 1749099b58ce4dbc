import type { Page } from 'playwright-core';

/**
 * What makes a page unusable at its width: the page scrolls sideways, a cell too narrow to read (a header
 * one letter a line), a chart label cut. Plain JavaScript source, as a11y.ts explains.
 */
const CHECKS = String.raw`(() => {
  const problems = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > window.innerWidth + 1)
    problems.push('the page is ' + doc.scrollWidth + 'px wide in a ' + window.innerWidth + 'px window');
  for (const cell of document.querySelectorAll('th, td')) {
    const text = (cell.textContent || '').trim();
    if (text.length < 4) continue;
    const box = cell.getBoundingClientRect();
    const em = parseFloat(getComputedStyle(cell).fontSize);
    // Narrower than three characters: a header one letter a line.
    if (box.width > 0 && box.width < 3 * em)
      problems.push('a cell ' + Math.round(box.width) + 'px wide: "' + text.slice(0, 30) + '"');
  }
  for (const svg of document.querySelectorAll('figure svg')) {
    const frame = svg.getBoundingClientRect();
    for (const t of svg.querySelectorAll('text')) {
      const b = t.getBoundingClientRect();
      if (b.width === 0) continue;
      if (b.left < frame.left - 1 || b.right > frame.right + 1 || b.top < frame.top - 1 || b.bottom > frame.bottom + 1)
        problems.push('chart text cut: "' + (t.textContent || '').slice(0, 30) + '"');
    }
  }
  return problems;
})()`;

export function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(CHECKS) as Promise<string[]>;
}
