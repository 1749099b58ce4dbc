/**
 * A set of names to find in folded text, as a trie over UTF-16 code units: finding the names that start at
 * a position costs one step per character of the longest of them, instead of trying every name. The
 * scanners of states, missions and offices fold their names and their text the same way, then ask here.
 */

/** Where a name stands in a text: code-unit offsets, `end` exclusive. */
export interface Span {
  start: number;
  end: number;
}

/** A name found in a text: where, and the text as written there. */
export interface Mention extends Span {
  text: string;
}

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

/** Bits of `NeedleIndex.starts`. */
const STARTS_NAME = 1;
const IS_NAME = 2;

export class NeedleIndex<T extends { folded: string }> {
  private readonly root: TrieNode<T> = newNode();
  /** Per code unit: STARTS_NAME when some name starts with it, IS_NAME when it is a whole name. */
  private readonly starts = new Uint8Array(0x10000);
  /**
   * 1 at pairHash(first, second) of every name of two or more code units. Most positions of a text whose
   * character starts some name are not followed by a character any of those names continues with (in
   * English a name starts at most letters), and this test spares them the walk down the trie.
   */
  private readonly pairs = new Uint8Array(0x10000);

  add(needle: T): void {
    const { folded } = needle;
    if (folded.length === 0) return;
    const first = folded.charCodeAt(0);
    this.starts[first]! |= folded.length === 1 ? STARTS_NAME | IS_NAME : STARTS_NAME;
    if (folded.length > 1) this.pairs[pairHash(first, folded.charCodeAt(1))] = 1;
    let node = this.root;
    for (let i = 0; i < folded.length; i++) {
      const c = folded.charCodeAt(i);
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

  /**
   * False when no name can start at `at` (its first two code units begin none); true means `longestAt`
   * may find one. The test made at every position of the text.
   */
  mayStartAt(folded: string, at: number): boolean {
    const first = folded.charCodeAt(at);
    const bits = this.starts[first];
    // Outside the text the code is NaN and there are no bits.
    if (!bits) return false;
    if (bits & IS_NAME) return true;
    const second = folded.charCodeAt(at + 1);
    return second === second && this.pairs[pairHash(first, second)] === 1;
  }

  /**
   * The longest name found at `at` that `accept` takes (names of the same length in the order they were
   * added), or undefined. The same answer as trying every name from the longest down. `accept` is given
   * `context` rather than capturing it, so the scanners, which ask at thousands of positions, pass one
   * function made once.
   */
  longestAt<C = undefined>(
    folded: string,
    at: number,
    accept?: (needle: T, at: number, context: C) => boolean,
    context?: C,
  ): T | undefined {
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
      for (const n of path[k]!) if (!accept || accept(n, at, context as C)) return n;
    }
    return undefined;
  }

  /**
   * longestAt for text laid out in lines, as PDF text is: a run of spacing and line breaks in the text
   * matches one space of a name ("United Kingdom of Great↵Britain"), and between two characters outside
   * ASCII (Chinese, where names hold no spaces) it is passed over ("北爱尔↵兰"). Gives the name and where
   * it ends in the text; `accept` is told both.
   */
  longestMatchAt<C = undefined>(
    folded: string,
    at: number,
    accept?: (needle: T, at: number, end: number, context: C) => boolean,
    context?: C,
  ): { needle: T; end: number } | undefined {
    let path: T[][] | undefined;
    let ends: number[] | undefined;
    let node: TrieNode<T> = this.root;
    const n = folded.length;
    for (let i = at; i < n; i++) {
      let c = folded.charCodeAt(i);
      let child: TrieNode<T> | undefined =
        node.onlyCode === c ? node.only : node.onlyCode === -1 ? node.next.get(c) : undefined;
      if (!child && c <= 32 && i > at && isSpace(c)) {
        // A run of spacing where the name goes on: the rest of a run whose first space matched, one space
        // of the name, or nothing between two characters outside ASCII (Chinese).
        let j = i;
        while (j + 1 < n && isSpace(folded.charCodeAt(j + 1))) j++;
        if (isSpace(folded.charCodeAt(i - 1))) {
          i = j;
          continue;
        }
        child = node.next.get(32);
        if (child) i = j;
        else if (j + 1 < n && folded.charCodeAt(i - 1) >= 0x80 && folded.charCodeAt(j + 1) >= 0x80) {
          i = j + 1;
          c = folded.charCodeAt(i);
          child = node.onlyCode === c ? node.only : node.onlyCode === -1 ? node.next.get(c) : undefined;
        }
      }
      if (!child) break;
      node = child;
      if (node.here) {
        (path ??= []).push(node.here);
        (ends ??= []).push(i + 1);
      }
    }
    if (!path) return undefined;
    for (let k = path.length - 1; k >= 0; k--) {
      for (const n of path[k]!)
        if (!accept || accept(n, at, ends![k]!, context as C)) return { needle: n, end: ends![k]! };
    }
    return undefined;
  }
}

/** Spacing a PDF's text puts between the words of a name: space, tab, line and page breaks. */
function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 9 || code === 13 || code === 12;
}

/** A slot for a pair of code units; two pairs may share one, which only costs a walk that finds nothing. */
function pairHash(first: number, second: number): number {
  return (first * 31 + second) & 0xffff;
}

/** True when any position from `start` to `end` (exclusive) is marked in `mask` (faster than subarray().some()). */
export function anyMarked(mask: Uint8Array, start: number, end: number): boolean {
  const stop = Math.min(end, mask.length);
  for (let i = Math.max(0, start); i < stop; i++) if (mask[i] !== 0) return true;
  return false;
}
