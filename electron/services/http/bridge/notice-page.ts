/**
 * The small self-contained pages browser mode shows before the UI: "open the link from the
 * terminal", "this link was already used", "the UI is not built". No scripts, inline style only.
 */

/** CSP of a notice page: nothing may load, only its own inline style applies. */
export const NOTICE_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A page with a title and a few paragraphs; `code` spans are written as `backticks`. */
export function noticePage(title: string, paragraphs: string[]): string {
  const body = paragraphs.map((p) => `<p>${escapeHtml(p).replace(/`([^`]+)`/g, '<code>$1</code>')}</p>`).join('\n      ');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>RunLens · ${escapeHtml(title)}</title>
    <style>
      :root { color-scheme: light dark; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
      body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: #f6f7f9; color: #1c2027; }
      main { max-width: 34rem; margin: 1.5rem; padding: 2rem 2.25rem; border-radius: 12px; background: #fff; border: 1px solid #e1e4ea; }
      h1 { margin: 0 0 0.75rem; font-size: 1.25rem; }
      .brand { font-size: 0.8rem; letter-spacing: 0.08em; text-transform: uppercase; color: #5b6472; margin-bottom: 1rem; }
      p { line-height: 1.5; margin: 0.5rem 0; }
      code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 0.9em; padding: 0.1em 0.35em; border-radius: 4px; background: #eef0f4; }
      @media (prefers-color-scheme: dark) {
        body { background: #14161a; color: #e6e8ec; }
        main { background: #1c1f25; border-color: #2c313a; }
        .brand { color: #9aa3b2; }
        code { background: #2a2f38; }
      }
    </style>
  </head>
  <body>
    <main>
      <div class="brand">RunLens</div>
      <h1>${escapeHtml(title)}</h1>
      ${body}
    </main>
  </body>
</html>
`;
}

/** Shown to a browser without a session. */
export const LOGIN_REQUIRED_PAGE = noticePage('Open the link from the terminal', [
  'This RunLens server only talks to the browser that opened its login link.',
  'Open the `UI: http://127.0.0.1:…/login?token=…` address printed in the terminal where RunLens started.',
  'Each link works once. If it was already used, restart `npm run serve` (or `npm start`) for a new one.',
]);

/** Shown for a wrong or already used token. */
export const LINK_USED_PAGE = noticePage('This login link is no longer valid', [
  'A login link works once, and this one was already used or is not the current one.',
  'If this browser logged in before, open the address without the token. Otherwise restart `npm run serve` for a new link.',
]);

/** Shown when the renderer bundle is missing. */
export const NOT_BUILT_PAGE = noticePage('The UI is not built yet', ['Run `npm run build`, then reload this page. The API under `/v1` works meanwhile.']);
