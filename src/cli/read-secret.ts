/** Reads a secret from stdin: the first line of piped input, or one typed line at a terminal. */
export async function readSecret(what: string): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write(`${what}: `);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if (process.stdin.isTTY && chunk.includes(10)) break;
  }
  const line = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  if (line.length === 0) throw new Error(`no ${what} on stdin (pipe it in: echo "$PASSWORD" | council ...)`);
  return line;
}
