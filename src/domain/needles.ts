/**
 * A set of names to find in folded text, as a trie over UTF-16 code units: finding the names that start at
 * a position costs one step per character of the longest of them, instead of trying every name. The
 * scanners of states, missions and offices fold their names and their text the same way, then ask here.
 */

interface TrieNode<T> {
  next: Map<number, TrieNode<T>>;
  /** Names ending here, in the order they were added. */
  here: T[] | undefined;
}

export class NeedleIndex<T extends { folded: string }> {
  private readonly root: TrieNode<T> = { next: new Map(), here: undefined };

  add(needle: T): void {
    let node = this.root;
    for (let i = 0; i < needle.folded.length; i++) {
      const c = needle.folded.charCodeAt(i);
      let child = node.next.get(c);
      if (!child) {
        child = { next: new Map(), here: undefined };
        node.next.set(c, child);
      }
      node = child;
    }
    (node.here ??= []).push(needle);
  }

  /** True when some name starts with this code unit: a cheap test before `longestAt`. */
  startsWith(code: number): boolean {
    return this.root.next.has(code);
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
      node = node.next.get(folded.charCodeAt(i));
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
