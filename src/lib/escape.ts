/**
 * Escaping for markup, written once: the pages (server/web/html.ts), the published sections, charts and
 * feeds all escape text through here. (Search snippets escape by character code, search/snippet.ts, so
 * their <mark> can be told from escaped text.)
 */
const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML and XML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML[c]!);
}

/** Escapes Markdown's inline syntax so stored text prints as written. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`);
}
