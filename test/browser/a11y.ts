import type { Page } from 'playwright-core';

/*
 * The checks run inside the page as plain JavaScript source: tsx compiles TypeScript functions with
 * helpers (__name) that do not exist in the browser, so a function cannot be handed to page.evaluate.
 */

/**
 * Basic accessibility checks: landmarks, one h1, heading levels that never skip, text alternatives for
 * images and charts, labelled form fields, a page language, and the contrast of every piece of text in
 * main against the background it is drawn on (WCAG 2 relative luminance; 4.5:1, or 3:1 for large text).
 */
const CHECKS = String.raw`(() => {
  const problems = [];
  const count = (sel) => document.querySelectorAll(sel).length;
  if (count('body > header, [role=banner]') < 1) problems.push('no banner landmark');
  if (count('nav, [role=navigation]') < 1) problems.push('no navigation landmark');
  if (count('main, [role=main]') !== 1) problems.push(count('main') + ' main landmarks');
  if (count('body > footer, [role=contentinfo]') < 1) problems.push('no contentinfo landmark');
  if (count('h1') !== 1) problems.push(count('h1') + ' h1 elements');
  let previous = 0;
  for (const h of document.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
    const level = Number(h.tagName[1]);
    if (previous && level > previous + 1) problems.push(h.tagName + ' "' + h.textContent.trim() + '" follows h' + previous);
    previous = level;
  }
  for (const img of document.querySelectorAll('img')) if (!img.hasAttribute('alt')) problems.push('img ' + img.getAttribute('src') + ' has no alt');
  for (const svg of document.querySelectorAll('svg')) {
    const hidden = svg.closest('[aria-hidden=true]');
    if (!hidden && !svg.getAttribute('aria-label') && !svg.getAttribute('aria-labelledby') && !svg.querySelector('title'))
      problems.push('svg without a text alternative');
  }
  for (const field of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
    const id = field.getAttribute('id');
    const labelled = (id && document.querySelector('label[for="' + id + '"]')) || field.closest('label') || field.getAttribute('aria-label');
    if (!labelled) problems.push('form field ' + field.getAttribute('name') + ' has no label');
  }
  if (!document.documentElement.getAttribute('lang')) problems.push('html has no lang');

  const parse = (c) => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return [0, 0, 0, 0];
    const p = m[1].split(/[,\s/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const lum = (rgb) => {
    const f = (v) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(rgb[0]) + 0.7152 * f(rgb[1]) + 0.0722 * f(rgb[2]);
  };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c[3] > 0.99) return c;
    }
    return [255, 255, 255, 1];
  };
  const main = document.querySelector('main');
  const seen = new Set();
  let checked = 0;
  if (main) {
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.textContent.trim()) continue;
      const el = n.parentElement;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      const fg = parse(style.color);
      const bg = background(el);
      const ls = [lum(fg), lum(bg)].sort((a, b) => b - a);
      const ratio = (ls[0] + 0.05) / (ls[1] + 0.05);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      checked++;
      if (ratio < (large ? 3 : 4.5)) {
        const key = style.color + ' on ' + bg.join(',');
        if (!seen.has(key)) problems.push('contrast ' + ratio.toFixed(2) + ':1 for "' + n.textContent.trim().slice(0, 30) + '" (' + key + ')');
        seen.add(key);
      }
    }
  }
  if (checked === 0) problems.push('no text in main to check');
  return problems;
})()`;

export function accessibilityProblems(page: Page): Promise<string[]> {
  return page.evaluate(CHECKS) as Promise<string[]>;
}

const FOCUS = String.raw`(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return { text: '', outline: 'none', visible: false };
  const s = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  const ring = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
  return { text: el.textContent.trim(), outline: s.outlineStyle + ' ' + s.outlineWidth, visible: ring && r.width > 0 && r.left >= 0 && r.top >= 0 };
})()`;

/** Tabs once from the top of the page and reports the focused element and whether its focus ring shows. */
export async function firstTabFocus(
  page: Page,
): Promise<{ text: string; outline: string; visible: boolean }> {
  await page.keyboard.press('Tab');
  return page.evaluate(FOCUS) as Promise<{ text: string; outline: string; visible: boolean }>;
}

/** The id of the focused element. */
export function focusedId(page: Page): Promise<string> {
  return page.evaluate('document.activeElement ? document.activeElement.id : ""') as Promise<string>;
}
