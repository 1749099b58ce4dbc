import { html, type Html, type Part } from './html.ts';

/**
 * The pieces of the console's plain forms (procedures, drafts): each form posts its session's CSRF token,
 * each field is a row with its label above it, so the forms read alike and work without script.
 */

/** The hidden field with the CSRF token of the reader's session. */
export function csrfField(token: string): Html {
  return html`<input type="hidden" name="_csrf" value="${token}" />`;
}

/** A form row: the control under the label that names it (`for` = the control's id). */
export function field(id: string, label: Part, control: Part): Html {
  return html`<div>
    <label for="${id}">${label}</label>
    ${control}
  </div>`;
}

/** A checkbox row sending `true` when ticked, its label around it. */
export function checkbox(name: string, checked: boolean, label: Part): Html {
  return html`<div>
    <label
      ><input type="checkbox" name="${name}" value="true" ${checked ? html`checked` : html``} />
      ${label}</label
    >
  </div>`;
}

/** The form's last row: its submit button. */
export function submitRow(text: string): Html {
  return html`<div><button type="submit">${text}</button></div>`;
}

/**
 * A form of rows (`form.stack`) posted to `action`: the CSRF token, the rows, then the submit button.
 * `multipart` for a form that sends a file.
 */
export function stackForm(
  opts: { action: string; csrf: string; submit: string; multipart?: boolean },
  rows: Part,
): Html {
  return html`<form
    class="stack"
    method="post"
    action="${opts.action}"
    ${opts.multipart ? html`enctype="multipart/form-data"` : html``}
  >
    ${csrfField(opts.csrf)} ${rows} ${submitRow(opts.submit)}
  </form>`;
}
