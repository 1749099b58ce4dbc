/**
 * HTML rendering with template literals. Every interpolated value goes through `escapeHtml`, the one
 * escaping helper, unless it is already `Html` built by this module, so a record string can never
 * become markup by accident.
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

import { escapeHtml } from '../../lib/escape.ts';

export { escapeHtml };

type Part = Html | string | number | null | undefined | false | readonly Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof Html) return part.value;
  if (Array.isArray(part)) return part.map(render).join('');
  return escapeHtml(String(part));
}

/** Tagged template: literal markup stays, interpolations are escaped (arrays are joined). */
export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new Html(out);
}

/** Markup produced by trusted code (never record or user text). */
export function trusted(markup: string): Html {
  return new Html(markup);
}

export function join(parts: readonly Part[], separator: Part = ''): Html {
  const sep = render(separator);
  return new Html(parts.map(render).join(sep));
}
