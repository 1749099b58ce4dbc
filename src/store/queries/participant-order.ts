/**
 * Participants as their sources list them: meeting by meeting, each source's list together (the id is
 * `${meetingId}#${source}#${n}`, its list the id without `#n`), in the list's order by the ordinal's number
 * ("#2" before "#10", which the id's text puts the other way).
 */
export function inListOrder<T extends { id: string; meeting_id: string; ordinal: number }>(rows: T[]): T[] {
  const list = (p: T) => p.id.slice(0, p.id.lastIndexOf('#'));
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...rows].sort(
    (a, b) => cmp(a.meeting_id, b.meeting_id) || cmp(list(a), list(b)) || a.ordinal - b.ordinal,
  );
}
