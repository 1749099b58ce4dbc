import type { Page } from 'playwright-core';

/**
 * Basic accessibility checks run inside the page: landmarks, one h1, heading levels that never skip,
 * text alternatives for images, labelled form fields, and the contrast of every piece of text in main
 * against the background it is actually drawn on (WCAG 2 relative luminance; 4.5:1, 3:1 for large text).
 */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const count = (sel: string) => document.querySelectorAll(sel).length;
    if (count('body > header, [role=banner]') < 1) problems.push('no banner landmark');
    if (count('nav, [role=navigation]') < 1) problems.push('no navigation landmark');
    if (count('main, [role=main]') !== 1) problems.push(`${count('main')} main landmarks`);
    if (count('body > footer, [role=contentinfo]') < 1) problems.push('no contentinfo landmark');
    if (count('h1') !== 1) problems.push(`${count('h1')} h1 elements`);
    let previous = 0;
    for (const h of document.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
      const level = Number(h.tagName[1]);
      if (previous && level > previous + 1) problems.push(`${h.tagName} "${h.textContent?.trim()}" follows h${previous}`);
      previous = level;
    }
    for (const img of document.querySelectorAll('img')) if (!img.hasAttribute('alt')) problems.push(`img ${img.getAttribute('src')} has no alt`);
    for (const svg of document.querySelectorAll('svg')) {
      const hidden = svg.getAttribute('aria-hidden') === 'true' || svg.closest('[aria-hidden=true]');
      if (!hidden && !svg.getAttribute('aria-label') && !svg.getAttribute('aria-labelledby') && !svg.querySelector('title'))
        problems.push('svg without a text alternative');
    }
    for (const field of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
      const id = field.getAttribute('id');
      const labelled = (id && document.querySelector(`label[for="${id}"]`)) || field.closest('label') || field.getAttribute('aria-label');
      if (!labelled) problems.push(`form field ${field.getAttribute('name')} has no label`);
    }
    const html = document.documentElement.getAttribute('lang');
    if (!html) problems.push('html has no lang');

    const parse = (c: string): [number, number, number, number] => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) return [0, 0, 0, 0];
      const p = m[1]!.split(/[,\s/]+/).filter(Boolean).map(Number);
      return [p[0]!, p[1]!, p[2]!, p[3] ?? 1];
    };
    const lum = ([r, g, b]: number[]) => {
      const f = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
    };
    const background = (el: Element | null): number[] => {
      for (let e = el; e; e = e.parentElement) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c[3] > 0.99) return c;
      }
      return [255, 255, 255, 1];
    };
    const main = document.querySelector('main');
    const seen = new Set<string>();
    if (main) {
      const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (!n.textContent?.trim()) continue;
        const el = n.parentElement!;
        const style = getComputedStyle(el);
        if (style.visibility === 'hidden' || style.display === 'none') continue;
        const fg = parse(style.color);
        const bg = background(el);
        const [l1, l2] = [lum(fg), lum(bg)].sort((a, b) => b - a) as [number, number];
        const ratio = (l1 + 0.05) / (l2 + 0.05);
        const size = Number.parseFloat(style.fontSize);
        const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
        if (ratio < (large ? 3 : 4.5)) {
          const key = `${style.color} on ${bg.join(',')}`;
          if (!seen.has(key)) problems.push(`contrast ${ratio.toFixed(2)}:1 for "${n.textContent.trim().slice(0, 30)}" (${key})`);
          seen.add(key);
        }
      }
    }
    return problems;
  });
}

/** Tabs once from the top of the page and reports the focused element and whether its focus ring shows. */
export async function firstTabFocus(page: Page): Promise<{ text: string; outline: string; visible: boolean }> {
  await page.keyboard.press('Tab');
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { text: '', outline: 'none', visible: false };
    const s = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    const ring = s.outlineStyle !== 'none' && Number.parseFloat(s.outlineWidth) >= 2;
    return { text: el.textContent?.trim() ?? '', outline: `${s.outlineStyle} ${s.outlineWidth}`, visible: ring && r.width > 0 && r.left >= 0 && r.top >= 0 };
  });
}
