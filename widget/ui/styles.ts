import type { ClientSurvey } from '../types';

// Adopted into the shadow root as a constructable stylesheet: no <style> element and no
// inline style attribute, so it works under a CSP without 'unsafe-inline'.
// `:host` declarations are !important because, for important rules, the shadow tree beats
// the host page's `* { all: unset !important }` tricks; plain host rules would lose.
// Lengths are px, never rem, so the host's html font-size cannot resize the widget.
const css = `
:host{all:initial!important;display:block!important;position:fixed!important;top:0!important;left:0!important;width:0!important;height:0!important;z-index:2147483647!important;visibility:visible!important;opacity:1!important}
:host([inline]){position:static!important;width:auto!important;height:auto!important}
.w{--a:var(--chorus-accent,var(--ac));--b:var(--chorus-background,var(--bg));--t:var(--chorus-text,var(--tx));--r:var(--chorus-radius,var(--rd));
position:fixed;bottom:16px;right:16px;box-sizing:border-box;width:380px;max-width:calc(100vw - 32px);max-height:calc(100vh - 32px);overflow:auto;padding:20px;
background:var(--b);color:var(--t);border-radius:var(--r);box-shadow:0 10px 30px rgba(0,0,0,.2),0 0 0 1px rgba(0,0,0,.06);
font:14px/1.45 var(--chorus-font,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif);text-align:start;animation:in .25s ease-out}
.w *{box-sizing:border-box;font:inherit;color:inherit;margin:0}
.bottom-left{right:auto;left:16px}
.center{bottom:auto;top:50%;left:50%;right:auto;transform:translate(-50%,-50%);width:440px}
.in{position:static;width:auto;max-width:560px;max-height:none;margin:0 auto;transform:none;animation:none}
@keyframes in{from{opacity:0;translate:0 12px}}
.w h2{font-size:16px;font-weight:600;padding-inline-end:28px;margin-bottom:14px}
.x{position:absolute;top:10px;inset-inline-end:10px;width:28px;height:28px;border:0;border-radius:50%;background:none;font-size:20px;line-height:1;cursor:pointer;opacity:.6}
.x:hover{opacity:1}
.pv{margin:0 0 12px;padding:6px 10px;border-radius:6px;background:#fef3c7;color:#78350f;font-size:13px;font-weight:600;border:1px dashed #b45309}
.bar{height:3px;border-radius:2px;background:rgba(127,127,127,.2);margin-bottom:14px}
.bar div{height:100%;border-radius:2px;background:var(--a);transition:width .3s}
.sc{display:flex;gap:4px}
.sc button,.ch button,.f button{flex:1;min-width:0;min-height:36px;padding:6px 4px;border:1px solid rgba(127,127,127,.4);border-radius:calc(var(--r) / 2);background:none;cursor:pointer;text-align:center}
.sc button:hover,.ch button:hover{border-color:var(--a)}
.w [aria-checked=true],.f .p{background:var(--a);border-color:var(--a);color:#fff}
.ch{display:flex;flex-direction:column;gap:6px}
.ch button{text-align:start;padding:8px 10px}
.lh{display:flex;justify-content:space-between;gap:8px;margin-top:6px;font-size:12px;opacity:.7}
textarea{display:block;width:100%;min-height:84px;padding:8px;border:1px solid rgba(127,127,127,.4);border-radius:calc(var(--r) / 2);background:none;resize:vertical}
.f{display:flex;justify-content:flex-end;gap:8px;margin-top:14px}
.f button{flex:none;padding:6px 16px}
.f a{padding:6px 16px;border-radius:calc(var(--r) / 2);text-decoration:none}
.f button:disabled{opacity:.5;cursor:default}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
:focus-visible{outline:2px solid var(--a);outline-offset:2px}
@media (max-width:600px){.w:not(.in){left:0;right:0;bottom:0;top:auto;transform:none;width:auto;max-width:none;border-radius:var(--r) var(--r) 0 0}.sc{gap:2px}.sc button{padding:6px 0}}
@media (prefers-reduced-motion:reduce){.w,.bar div{animation:none;transition:none}}
`;

/** The per-survey colours, as custom properties the stylesheet falls back to. */
export const appearanceVars = (a: ClientSurvey['appearance']): Record<string, string> => ({
  '--ac': a.accentColor,
  '--bg': a.backgroundColor,
  '--tx': a.textColor,
  '--rd': `${a.borderRadius}px`,
});

export function adoptStyles(root: ShadowRoot): void {
  if ('adoptedStyleSheets' in root) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } else {
    // Old browsers without constructable stylesheets: works unless the page's CSP forbids it.
    const s = document.createElement('style');
    s.textContent = css;
    (root as ShadowRoot).appendChild(s);
  }
}
