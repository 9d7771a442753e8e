/**
 * The widget's styles, inside its shadow root: the shop's rules do not reach in, ours do not leak
 * out. `:host { all: initial !important }` also stops what the page could still do to the host
 * element itself or pass down by inheritance (font-size, color, display): for !important rules the
 * shadow tree's own win over the page's (CSS Scoping, "tree contexts").
 */
export const STYLES = `
:host {
  all: initial !important;
  display: block !important;
  position: static !important;
  contain: none !important;
  transform: none !important;
  filter: none !important;
}
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
.root {
  font: 400 15px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Apple SD Gothic Neo',
    'Hiragino Sans', sans-serif;
  color: var(--rw-text);
  -webkit-text-size-adjust: 100%;
  text-align: start;
  letter-spacing: normal;
  text-transform: none;
}
button, a, input { font: inherit; color: inherit; }
button {
  display: inline-flex; align-items: center; justify-content: center; gap: 6px;
  min-height: 40px; padding: 8px 14px; border-radius: 8px; cursor: pointer;
  border: 1px solid var(--rw-primary); background: var(--rw-background); color: var(--rw-primary);
  font-weight: 600; visibility: visible; opacity: 1;
}
button.primary { background: var(--rw-primary); color: var(--rw-on-primary); }
button:disabled { cursor: not-allowed; border-color: #8a8f98; color: #4b5058; background: #eceef1; }
a.button {
  display: inline-flex; align-items: center; justify-content: center; min-height: 40px; padding: 8px 14px;
  border-radius: 8px; background: var(--rw-primary); color: var(--rw-on-primary); font-weight: 600;
  text-decoration: none;
}
:focus { outline: none; }
:focus-visible { outline: 3px solid var(--rw-focus); outline-offset: 2px; }
.launcher {
  position: fixed; bottom: 16px; z-index: 2147483000; min-height: 48px; padding: 10px 18px;
  border-radius: 999px; border: 0; box-shadow: 0 4px 16px rgba(0, 0, 0, 0.25);
  background: var(--rw-primary); color: var(--rw-on-primary); font-size: 15px;
}
.launcher svg { width: 20px; height: 20px; fill: currentColor; }
.right .launcher { right: 16px; }
.left .launcher { left: 16px; }
.panel {
  position: fixed; bottom: 76px; z-index: 2147483001; width: 380px; max-width: calc(100vw - 16px);
  max-height: calc(100vh - 92px); overflow-y: auto; overflow-x: hidden; overscroll-behavior: contain;
  background: var(--rw-background); color: var(--rw-text); border-radius: 14px;
  box-shadow: 0 12px 40px rgba(0, 0, 0, 0.3); border: 1px solid rgba(0, 0, 0, 0.12);
}
.right .panel { right: 16px; }
.left .panel { left: 16px; }
@media (max-width: 480px) {
  .panel, .right .panel, .left .panel { left: 8px; right: 8px; width: auto; max-width: none; bottom: 72px; }
}
header {
  display: flex; align-items: center; justify-content: space-between; gap: 8px;
  padding: 12px 12px 12px 16px; background: var(--rw-primary); color: var(--rw-on-primary);
  position: sticky; top: 0; z-index: 1;
}
header h2 { margin: 0; font-size: 18px; font-weight: 700; overflow-wrap: anywhere; }
header button { border-color: var(--rw-on-primary); background: transparent; color: var(--rw-on-primary); }
.body { padding: 12px 16px 16px; display: grid; gap: 16px; }
section { display: grid; gap: 8px; min-width: 0; }
h3 { margin: 0; font-size: 16px; font-weight: 700; }
p { margin: 0; overflow-wrap: anywhere; }
ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; }
li { min-width: 0; }
.muted { color: var(--rw-muted); font-size: 14px; }
.balance { display: flex; flex-wrap: wrap; gap: 8px 24px; align-items: baseline; }
.balance strong { font-size: 28px; line-height: 1.1; display: block; }
.card {
  border: 1px solid rgba(0, 0, 0, 0.14); border-radius: 10px; padding: 10px 12px;
  display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 8px;
}
.card > div { min-width: 0; flex: 1 1 160px; }
.bar { height: 10px; border-radius: 999px; background: #dfe3e8; overflow: hidden; }
.bar > span { display: block; height: 100%; background: var(--rw-primary); border-radius: 999px; }
.code {
  display: flex; flex-wrap: wrap; gap: 8px; align-items: center; padding: 10px 12px; border-radius: 10px;
  background: #f1f5f0; border: 1px dashed #3f6b35; color: #1d3a16;
}
.code strong { font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace; font-size: 17px; overflow-wrap: anywhere; }
.row { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
input[readonly] {
  width: 100%; min-width: 0; padding: 8px 10px; border-radius: 8px; border: 1px solid #8a8f98;
  background: #fff; color: #1f2328;
}
.error { color: #9b1c1c; }
.sr-only {
  position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
  clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0;
}
@media (prefers-reduced-motion: no-preference) { .bar > span { transition: width 0.3s ease; } }
`;
