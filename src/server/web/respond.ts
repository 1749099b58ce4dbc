import type { FastifyReply } from 'fastify';

// Inline style attributes are allowed (the charts' SVG sizes itself with one); <style> and scripts are not.
export const PAGE_CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self'; style-src-attr 'unsafe-inline'; frame-ancestors 'none'; form-action 'self'";

/** Sends a page with the headers every page carries: no scripts, no framing, the language it varies by. */
export function sendHtml(reply: FastifyReply, status: number, body: string): FastifyReply {
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('vary', 'Cookie, Accept-Language')
    .header('content-security-policy', PAGE_CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'same-origin')
    .send(body);
}
