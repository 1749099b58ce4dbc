import assert from 'node:assert/strict';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

/** A browser: keeps cookies, and reads the CSRF token out of the last form it was given. */
export class FormBrowser {
  cookies = new Map<string, string>();
  csrf = '';
  constructor(private readonly app: FastifyInstance) {}
  private keep(r: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of r.cookies) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(r.body)?.[1];
    if (token) this.csrf = token;
    return r;
  }
  private get cookie(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  async get(url: string): Promise<LightMyRequestResponse> {
    return this.keep(await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookie } }));
  }
  async post(url: string, fields: Record<string, string>, csrf = this.csrf): Promise<LightMyRequestResponse> {
    const payload = new URLSearchParams({ ...fields, _csrf: csrf }).toString();
    return this.keep(
      await this.app.inject({
        method: 'POST',
        url,
        payload,
        headers: { cookie: this.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      }),
    );
  }
  /** A form with a file, as a browser sends it (multipart/form-data). */
  async postMultipart(
    url: string,
    fields: Record<string, string>,
    file?: { field: string; name: string; type: string; bytes: Buffer },
    csrf = this.csrf,
  ): Promise<LightMyRequestResponse> {
    const boundary = '----council-test-boundary-7d1f';
    const parts: Buffer[] = [];
    for (const [k, v] of Object.entries({ _csrf: csrf, ...fields }))
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    if (file)
      parts.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\n` +
            `Content-Type: ${file.type}\r\n\r\n`,
        ),
        file.bytes,
        Buffer.from('\r\n'),
      );
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    return this.keep(
      await this.app.inject({
        method: 'POST',
        url,
        payload: Buffer.concat(parts),
        headers: { cookie: this.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
      }),
    );
  }
  async login(name: string, password: string): Promise<void> {
    await this.get('/console');
    const r = await this.post('/console/login', { name, password });
    assert.equal(r.statusCode, 303, r.body.slice(0, 300));
    await this.get('/console');
  }
}
