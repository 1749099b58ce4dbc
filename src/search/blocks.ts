/**
 * Complete postings of the common terms, for the queries their impact lists cannot prove (postings.ts):
 * once a term's list is cut (its floor rises above 0), every unit holding the term is kept here with its
 * weight, in blocks of BLOCK_SPAN unit numbers (table search_block, one row per term and block, with the
 * block's heaviest weight). So every term's postings are complete somewhere: on its impact list (floor 0)
 * or in its blocks (floor > 0), and a query can bound the score of every unit that could match from these
 * alone, then read and score exactly only the few units whose bound reaches the page (search.ts), instead
 * of every unit the backend matches.
 *
 * A block's data is its units' offsets from the block's start (16 bits each, ascending), then their
 * weights as 32-bit floats rounded up (a stored weight is never below the exact one: it bounds it).
 */
import { chunks } from '../lib/chunks.ts';
import { CompiledQuery } from 'kysely';
import { dialectOf, type Db } from './indexer.ts';

/** Unit numbers per block: offsets fit in 16 bits; a common term's block holds up to this many units. */
export const BLOCK_SPAN = 4096;
const KEYS_PER_SELECT = 400;
const ROWS_PER_WRITE = 100;

export interface Posting {
  n: number;
  s: number;
}

/** A term's postings in unit order: numbers and weights. */
export interface PostingArray {
  ns: Float64Array;
  ws: Float64Array;
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The smallest 32-bit float not below x (x ≥ 0). */
function roundUp(x: number): number {
  f32[0] = x;
  if (f32[0] < x) u32[0]! += 1;
  return f32[0];
}

function encode(start: number, entries: Posting[]): Buffer {
  const buf = Buffer.alloc(entries.length * 6);
  const at = entries.length * 2;
  entries.forEach((e, i) => {
    buf.writeUInt16LE(e.n - start, i * 2);
    buf.writeFloatLE(roundUp(e.s), at + i * 4);
  });
  return buf;
}

function decode(start: number, data: Uint8Array): Posting[] {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const count = buf.length / 6;
  const out: Posting[] = [];
  for (let i = 0; i < count; i++)
    out.push({ n: start + buf.readUInt16LE(i * 2), s: buf.readFloatLE(count * 2 + i * 4) });
  return out;
}

const startOf = (n: number) => n - (n % BLOCK_SPAN);
const keyOf = (term: string, start: number) => `${start}\u0000${term}`;

/** The stored blocks among these (term, start) keys. */
async function readKeys(db: Db, keys: [string, number][]): Promise<Map<string, Posting[]>> {
  const out = new Map<string, Posting[]>();
  const pg = dialectOf(db) === 'postgres';
  for (const chunk of chunks(keys, KEYS_PER_SELECT)) {
    const marks = chunk.map((_, j) => (pg ? `($${2 * j + 1}, $${2 * j + 2}::bigint)` : '(?, ?)'));
    const rows = await db.executeQuery<{ term: string; start: number; data: Uint8Array }>(
      CompiledQuery.raw(
        `select term, start, data from search_block where (term, start) in (values ${marks.join(', ')})`,
        chunk.flat(),
      ),
    );
    for (const r of rows.rows) out.set(keyOf(r.term, Number(r.start)), decode(Number(r.start), r.data));
  }
  return out;
}

/** Writes blocks (an empty one is deleted). */
async function writeBlocks(db: Db, blocks: Map<string, Posting[]>): Promise<void> {
  const pg = dialectOf(db) === 'postgres';
  const rows: unknown[][] = [];
  const gone: unknown[] = [];
  for (const [key, entries] of blocks) {
    const sep = key.indexOf('\u0000');
    const start = Number(key.slice(0, sep));
    const term = key.slice(sep + 1);
    if (entries.length === 0) gone.push(term, start);
    else rows.push([term, start, roundUp(Math.max(...entries.map((e) => e.s))), encode(start, entries)]);
  }
  for (const chunk of chunks(rows, ROWS_PER_WRITE)) {
    const marks = chunk.map((_, j) =>
      pg
        ? `($${4 * j + 1}, $${4 * j + 2}::bigint, $${4 * j + 3}::double precision, $${4 * j + 4}::bytea)`
        : '(?, ?, ?, ?)',
    );
    await db.executeQuery(
      CompiledQuery.raw(
        `insert into search_block (term, start, top, data) values ${marks.join(', ')} on conflict (term, start) do update set top = excluded.top, data = excluded.data`,
        chunk.flat(),
      ),
    );
  }
  for (const chunk of chunks(gone, KEYS_PER_SELECT * 2)) {
    const marks = Array.from({ length: chunk.length / 2 }, (_, j) =>
      pg ? `($${2 * j + 1}, $${2 * j + 2}::bigint)` : '(?, ?)',
    );
    await db.executeQuery(
      CompiledQuery.raw(
        `delete from search_block where (term, start) in (values ${marks.join(', ')})`,
        chunk,
      ),
    );
  }
}

/** Adds units to their terms' blocks (a unit already there is replaced). */
export async function addToBlocks(db: Db, byTerm: Map<string, Posting[]>): Promise<void> {
  const added = new Map<string, Posting[]>();
  for (const [term, list] of byTerm) {
    for (const p of list) {
      const key = keyOf(term, startOf(p.n));
      let b = added.get(key);
      if (!b) added.set(key, (b = []));
      b.push(p);
    }
  }
  if (added.size === 0) return;
  const stored = await readKeys(db, [...added.keys()].map(splitKey));
  for (const [key, entries] of added) {
    const byN = new Map((stored.get(key) ?? []).map((p) => [p.n, p]));
    for (const p of entries) byN.set(p.n, p);
    added.set(
      key,
      [...byN.values()].sort((a, b) => a.n - b.n),
    );
  }
  await writeBlocks(db, added);
}

function splitKey(key: string): [string, number] {
  const sep = key.indexOf('\u0000');
  return [key.slice(sep + 1), Number(key.slice(0, sep))];
}

/** Takes removed units (with their terms) out of the blocks that hold them. */
export async function removeFromBlocks(
  db: Db,
  units: { n: number; terms: Iterable<string> }[],
): Promise<void> {
  const removed = new Map<string, Set<number>>();
  for (const u of units) {
    for (const term of u.terms) {
      const key = keyOf(term, startOf(u.n));
      let s = removed.get(key);
      if (!s) removed.set(key, (s = new Set()));
      s.add(u.n);
    }
  }
  if (removed.size === 0) return;
  const stored = await readKeys(db, [...removed.keys()].map(splitKey));
  const changed = new Map<string, Posting[]>();
  for (const [key, entries] of stored) {
    const gone = removed.get(key)!;
    changed.set(
      key,
      entries.filter((p) => !gone.has(p.n)),
    );
  }
  await writeBlocks(db, changed);
}

/** Every posting of the terms that have blocks, in unit order (terms without blocks are left out). */
export async function readBlocks(db: Db, terms: string[]): Promise<Map<string, PostingArray>> {
  const out = new Map<string, PostingArray>();
  if (terms.length === 0) return out;
  const pg = dialectOf(db) === 'postgres';
  const marks = terms.map((_, j) => (pg ? `$${j + 1}` : '?'));
  const rows = await db.executeQuery<{ term: string; start: number; data: Uint8Array }>(
    CompiledQuery.raw(
      `select term, start, data from search_block where term in (${marks.join(', ')}) order by term, start`,
      terms,
    ),
  );
  const sizes = new Map<string, number>();
  for (const r of rows.rows) sizes.set(r.term, (sizes.get(r.term) ?? 0) + r.data.byteLength / 6);
  for (const [term, size] of sizes) out.set(term, { ns: new Float64Array(size), ws: new Float64Array(size) });
  const filled = new Map<string, number>();
  for (const r of rows.rows) {
    const a = out.get(r.term)!;
    let at = filled.get(r.term) ?? 0;
    const start = Number(r.start);
    const buf = Buffer.from(r.data.buffer, r.data.byteOffset, r.data.byteLength);
    const count = buf.length / 6;
    for (let i = 0; i < count; i++, at++) {
      a.ns[at] = start + buf.readUInt16LE(i * 2);
      a.ws[at] = buf.readFloatLE(count * 2 + i * 4);
    }
    filled.set(r.term, at);
  }
  return out;
}
