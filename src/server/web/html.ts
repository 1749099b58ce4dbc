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

export type Part = Html | string | number | null | undefined | false | readonly Part[];

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

/** A column of `table()`: its heading and each row's cell. */
export interface Column<R> {
  head: Part;
  cell: (row: R) => Part;
  /** The cell names its row (a year, a member): `<th scope="row">`. */
  rowHead?: boolean;
  /** A class for the row's cell (a vote's colour). */
  cellClass?: (row: R) => string;
}

/**
 * A data table, the one way pages write one: headings in <thead> with their scope, an optional caption,
 * a row a record; inside a `.scroll` box, so a wide table scrolls on a phone (375 px) instead of the page.
 */
export function table<R>(opts: {
  columns: readonly Column<R>[];
  rows: readonly R[];
  caption?: Part;
  className?: string;
  /** Tables inside a box that already scrolls leave the wrapper out. */
  scroll?: boolean;
  /** `data-*` attributes of a row, for scripts and tests that pick rows by what they hold. */
  rowData?: (row: R) => Record<string, string>;
}): Html {
  const cls = opts.className ? html` class="${opts.className}"` : '';
  const caption =
    opts.caption === undefined
      ? ''
      : html`<caption>
          ${opts.caption}
        </caption>`;
  // Cells and rows on lines of their own, as hand-written markup has them: text read from the page keeps a
  // space between cells.
  const head = join(
    opts.columns.map((c) => html`<th scope="col">${c.head}</th>`),
    '\n',
  );
  const rows = opts.rows.map(
    (r) =>
      html`<tr${Object.entries(opts.rowData?.(r) ?? {}).map(([k, val]) => html` data-${k}="${val}"`)}>
        ${join(
          opts.columns.map((c) => {
            const cellCls = c.cellClass ? html` class="${c.cellClass(r)}"` : '';
            return c.rowHead
              ? html`<th scope="row" ${cellCls}>${c.cell(r)}</th>`
              : html`<td${cellCls}>${c.cell(r)}</td>`;
          }),
          '\n',
        )}
      </tr>`,
  );
  const markup = html`<table${cls}>
    ${caption}
    <thead>
      <tr>
        ${head}
      </tr>
    </thead>
    <tbody>
      ${join(rows, '\n')}
    </tbody>
  </table>`;
  return opts.scroll === false ? markup : html`<div class="scroll">${markup}</div>`;
}

/** A page section headed by an <h2> that labels it (`${id}-h`). */
export function section(id: string, heading: Part, body: Part, className?: string): Html {
  return html`<section aria-labelledby="${id}-h" ${className ? html` class="${className}"` : ''}>
    <h2 id="${id}-h">${heading}</h2>
    ${body}
  </section>`;
}

/** A term of a `dl.facts` and its value; nothing when the value is absent (null, undefined, false or ''). */
export function fact(term: Part, value: Part): Html {
  return value === null || value === undefined || value === false || value === ''
    ? html``
    : html`<dt>${term}</dt>
        <dd>${value}</dd>`;
}

/** The list's markup, or the sentence saying there is nothing to list. */
export function orEmpty<T>(items: readonly T[], empty: string, render: (items: readonly T[]) => Part): Html {
  return items.length === 0 ? html`<p class="empty">${empty}</p>` : html`${render(items)}`;
}

/** Records as a list (`ul.plain` unless another class is given), an <li> each. */
export function list<T>(items: readonly T[], item: (x: T) => Part, className = 'plain'): Html {
  return html`<ul class="${className}">
    ${items.map((x) => html`<li>${item(x)}</li>`)}
  </ul>`;
}

/** Records as a list, or the sentence saying there are none. */
export function listOrEmpty<T>(
  items: readonly T[],
  empty: string,
  item: (x: T) => Part,
  className = 'plain',
): Html {
  return orEmpty(items, empty, (xs) => list(xs, item, className));
}
