import type { Lang } from './lang.ts';

/**
 * Where the published Repertoire section of an item can be downloaded. The routes belong to the publish
 * capability; `setPublishRoutes` is told at start-up which of them are registered, so a page never links
 * to a download that is not served.
 */
export interface Download {
  href: string;
  label: string;
  format: string;
}

let available: ((year: number, number: number, lang: Lang) => Download[]) | undefined;

export function setPublishRoutes(fn: (year: number, number: number, lang: Lang) => Download[]): void {
  available = fn;
}

export function downloadsOf(year: number, number: number, lang: Lang): Download[] {
  return available ? available(year, number, lang) : [];
}
