import type { FastifyReply } from 'fastify';

/**
 * The hosted pages' Content Security Policy: scripts only from this origin (external files,
 * never inline, so an injected `<script>` or `on…=` attribute does not run), requests only
 * to this origin (the Frontend API is same-origin), no plugins, no framing (clickjacking),
 * no `<base>` and forms posting only here. Inline `<style>` elements are allowed because
 * each component keeps its theme in a `<style>` in its shadow root; `style` attributes are
 * not (components set styles through the CSSOM, which CSP does not govern).
 */
export const hostedPageCsp = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "style-src-attr 'none'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers of every hosted HTML page (the pages and their error pages). */
export function setPageHeaders(reply: FastifyReply): FastifyReply {
  return (
    reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', hostedPageCsp)
      // Pages carry a redirect URI and state; nothing of them is cached or leaks onwards.
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .header('x-content-type-options', 'nosniff')
      .header('x-frame-options', 'DENY')
      .header('cross-origin-opener-policy', 'same-origin')
      .header(
        'permissions-policy',
        'publickey-credentials-create=(self), publickey-credentials-get=(self), camera=(), microphone=(), geolocation=()',
      )
  );
}
