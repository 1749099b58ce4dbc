import { createHash, createHmac, randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AuditSettings } from '../config/config.ts';

/**
 * The keys that authenticate the audit log (HMAC-SHA256). They live outside the database: in a file
 * (COUNCIL_AUDIT_KEY_FILE, default data/audit.key, mode 0600) or in COUNCIL_AUDIT_KEY. Someone who can
 * write the database but not read the key cannot forge an entry or re-chain the log. The first key signs
 * new entries; the others are earlier keys, kept so entries they signed still verify (rotation).
 */
export interface AuditKey {
  /** Short public name of the key, stored with each entry it signed. */
  id: string;
  secret: Buffer;
}

export interface AuditKeyring {
  current: AuditKey;
  byId: Map<string, AuditKey>;
  /** Where the keys came from, for messages. */
  source: string;
}

const KEY_LINE = /^[0-9a-f]{64,}$/i;

export function keyId(secret: Buffer): string {
  return createHash('sha256').update('council-record audit key').update(secret).digest('hex').slice(0, 16);
}

export function mac(key: AuditKey, parts: unknown[]): string {
  return createHmac('sha256', key.secret).update(JSON.stringify(parts)).digest('hex');
}

function ring(hexKeys: string[], source: string): AuditKeyring {
  const keys = hexKeys.map((h) => {
    const secret = Buffer.from(h, 'hex');
    return { id: keyId(secret), secret };
  });
  return { current: keys[0]!, byId: new Map(keys.map((k) => [k.id, k])), source };
}

/** Parses a key file: one hex key of at least 32 bytes a line, newest first; `#` lines are comments. */
export function parseKeyFile(text: string, path: string): string[] {
  const keys: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    if (!KEY_LINE.test(line))
      throw new Error(`${path}:${i + 1}: expected a hex key of at least 64 hex digits (32 bytes)`);
    keys.push(line.toLowerCase());
  });
  if (keys.length === 0) throw new Error(`${path}: holds no key (create one with \`council audit key-new\`)`);
  return keys;
}

/** The configured keys, or undefined when none is configured and the key file does not exist. */
export function loadKeys(settings: AuditSettings): AuditKeyring | undefined {
  if (settings.keys) return ring(settings.keys, 'COUNCIL_AUDIT_KEY');
  if (!existsSync(settings.keyFile)) return undefined;
  return ring(parseKeyFile(readFileSync(settings.keyFile, 'utf8'), settings.keyFile), settings.keyFile);
}

/**
 * Writes a new key at the head of the key file, keeping the earlier ones below it (creates the file,
 * mode 0600, when absent). Returns the new key's id.
 */
export function addKey(path: string): string {
  const secret = randomBytes(32);
  const earlier = existsSync(path) ? parseKeyFile(readFileSync(path, 'utf8'), path) : [];
  mkdirSync(dirname(path), { recursive: true });
  const header =
    '# council-record audit keys: the first signs new entries, the others verify older ones. Keep secret.\n';
  writeFileSync(path, header + [secret.toString('hex'), ...earlier].join('\n') + '\n', { mode: 0o600 });
  return keyId(secret);
}

/**
 * The keys to sign with. A fresh installation (empty log) without a key gets one made in the default key
 * file, so `npm start` works with nothing to set up; a log that already has entries never does, because a
 * new key would not verify them: it is refused until the key that signed it is configured.
 */
export function keysForWriting(settings: AuditSettings, logEntries: number): AuditKeyring {
  const found = loadKeys(settings);
  if (found) return found;
  if (logEntries > 0)
    throw new Error(
      `no audit key: ${settings.keyFile} does not exist and COUNCIL_AUDIT_KEY is unset, but the audit log ` +
        `has ${logEntries} entries signed with a key; configure that key (docs/security.md)`,
    );
  try {
    addKeyExclusive(settings.keyFile);
  } catch (e) {
    // Another process made it first: use that one.
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  return loadKeys(settings)!;
}

/** Creates the key file whole or not at all: written aside, then linked in place (EEXIST if another was first). */
function addKeyExclusive(path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const secret = randomBytes(32).toString('hex');
  const aside = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(aside, `# council-record audit key, made on first use. Keep secret.\n${secret}\n`, {
    mode: 0o600,
  });
  try {
    linkSync(aside, path);
  } finally {
    unlinkSync(aside);
  }
}
