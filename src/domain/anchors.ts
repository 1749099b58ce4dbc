/**
 * Fragment identifiers of a meeting page's parts, shared by the page and the search engine's links. A
 * participant's anchor comes from its id (`${meetingId}#${source}#${n}`): unique across the sources of a
 * meeting and stable across re-imports, where the ordinal alone repeats once per source.
 */
export function participantAnchor(meetingId: string, participantId: string): string {
  const own = participantId.startsWith(`${meetingId}#`)
    ? participantId.slice(meetingId.length + 1)
    : participantId;
  return `p-${own.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}
