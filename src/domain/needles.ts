/**
 * A set of names to find in folded text, as a trie over UTF-16 code units: finding the names that start at
 * a position costs one step per character of the longest of them, instead of trying every name. The
 * scanners of states, missions and offices fold their names and their text the same way, then ask here.
 */

interface TrieNode<T> {
  next: Map<number, TrieNode<T>>;
  /** The code unit of the only child, or -1: most nodes deep in a name have one child, tested without a lookup. */
  onlyCode: number;
  only: TrieNode<T> | undefined;
  /** Names ending here, in the order they were added. */
  here: T[] | undefined;
}

function newNode<T>(): TrieNode<T> {
  return { next: new Map(), onlyCode: -1, only: undefined, here: undefined };
}

export class NeedleIndex<T extends { folded: string }> {
  private readonly root: TrieNode<T> = newNode();
  /** 1 for each code unit that some name starts with: the test made at every position of the text. */
  private readonly starts = new Uint8Array(0x10000);

  add(needle: T): void {
    if (needle.folded.length === 0) return;
    this.starts[needle.folded.charCodeAt(0)] = 1;
    let node = this.root;
    for (let i = 0; i < needle.folded.length; i++) {
      const c = needle.folded.charCodeAt(i);
      let child = node.next.get(c);
      if (!child) {
        child = newNode();
        node.next.set(c, child);
        node.onlyCode = node.next.size === 1 ? c : -1;
        node.only = node.next.size === 1 ? child : undefined;
      }
      node = child;
    }
    (node.here ??= []).push(needle);
  }

  /** True when some name starts with this code unit: a cheap test before `longestAt`. */
  startsWith(code: number): boolean {
    return this.starts[code] === 1;
  }

  /**
   * The longest name found at `at` that `accept` takes (names of the same length in the order they were
   * added), or undefined. The same answer as trying every name from the longest down.
   */
  longestAt(folded: string, at: number, accept?: (needle: T) => boolean): T | undefined {
    // The nodes with names on the path walked, shortest first (most positions have none).
    let path: T[][] | undefined;
    let node: TrieNode<T> | undefined = this.root;
    for (let i = at; i < folded.length; i++) {
      const c = folded.charCodeAt(i);
      node = node.onlyCode === c ? node.only : node.onlyCode === -1 ? node.next.get(c) : undefined;
      if (!node) break;
      if (node.here) (path ??= []).push(node.here);
    }
    if (!path) return undefined;
    for (let k = path.length - 1; k >= 0; k--) {
      for (const n of path[k]!) if (!accept || accept(n)) return n;
    }
    return undefined;
  }
}

/** True when any position from `start` to `end` (exclusive) is marked in `mask` (faster than subarray().some()). */
export function anyMarked(mask: Uint8Array, start: number, end: number): boolean {
  const stop = Math.min(end, mask.length);
  for (let i = Math.max(0, start); i < stop; i++) if (mask[i] !== 0) return true;
  return false;
}
