//! The report's inline style and scripts.

/// Forbids every external load: a report that tried one fails the headless check loudly
/// (the browser logs the refusal) instead of silently depending on a network.
pub const CONTENT_SECURITY_POLICY: &str =
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'";

/// Phone first: one column, large type; two columns of frames from 560 px, four from 900 px.
/// The timeline's own rules follow it in the page (`timeline::CSS`).
pub const CSS: &str = r#"
:root{--ink:#1b1f24;--muted:#5b6470;--line:#d9dee4;--good:#1a7f37;--bad:#c62828;--warn:#b26a00;--card:#fff;--bg:#f3f5f7}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:18px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Helvetica Neue",Arial,sans-serif}
main{max-width:980px;margin:0 auto;padding:12px}
h1{font-size:1.5rem;margin:.4rem 0}
h2{font-size:1.2rem;margin:0 0 .6rem}
section{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:14px;margin:12px 0}
.muted{color:var(--muted);font-size:.9rem}
.decision{display:inline-block;font-size:2rem;font-weight:800;letter-spacing:.06em;text-transform:uppercase;padding:.2rem 1rem;border-radius:10px;color:#fff}
.decision.pass{background:var(--good)}.decision.fail{background:var(--bad)}.decision.review{background:var(--warn)}
.badge{display:inline-block;border-radius:6px;padding:0 .45rem;font-size:.85rem;font-weight:700;color:#fff;background:var(--muted)}
.good{background:var(--good)}.bad{background:var(--bad)}.warn{background:var(--warn)}
ul.reasons{padding-left:1.2rem;margin:.6rem 0 0}
code,.mono{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,"Liberation Mono",monospace}
.mrz{font-size:clamp(.5rem,2.6vw,1rem);background:#f7f7f2;border:1px solid var(--line);border-radius:6px;padding:.5rem;overflow-x:auto;white-space:pre;line-height:1.5}
.frame{position:relative;line-height:0;border-radius:8px;overflow:hidden;background:#000}
.frame img{width:100%;height:auto;display:block}
.frame svg.over{position:absolute;left:0;top:0;width:100%;height:100%}
svg .quad{fill:rgba(26,127,55,.10);stroke:#25c15a}
svg .corner{fill:#25c15a}
svg .portrait{fill:none;stroke:#2f81f7}
svg .face{fill:none;stroke:#f7c12f}
svg .mesh{fill:none;stroke:#7cf1ff;stroke-linecap:round;opacity:.85}
.frames{display:grid;grid-template-columns:1fr;gap:10px}
@media(min-width:560px){.frames{grid-template-columns:1fr 1fr}}
@media(min-width:900px){.frames{grid-template-columns:repeat(4,1fr)}}
figure{margin:0}
figcaption{font-size:.85rem;padding:.3rem 0;line-height:1.3}
table{width:100%;border-collapse:collapse;font-size:.95rem}
th,td{text-align:left;padding:.35rem .3rem;border-bottom:1px solid var(--line);vertical-align:top;overflow-wrap:anywhere}
.verdicts{display:grid;grid-template-columns:1fr 1fr;gap:8px}
.verdict{border:1px solid var(--line);border-radius:8px;padding:.5rem}
.verdict b{display:block}
svg.timeline,svg.gauge{width:100%;height:auto;display:block}
.scroll{overflow-x:auto}
svg.timeline{min-width:640px}
svg.gauge text{font-size:13px}
svg text{font:12px system-ui,sans-serif;fill:var(--ink)}
svg .tick{fill:var(--muted)}
svg .zone-bad{fill:#f4c7c3}svg .zone-review{fill:#fde2b3}svg .zone-good{fill:#bfe5c8}
svg .threshold{stroke:var(--ink);stroke-width:2}
svg .marker{fill:var(--ink)}svg .marker-label{font-weight:700;font-size:14px}
.digest{overflow-wrap:anywhere;font-size:.85rem}
"#;

/// In the head: records any error (script or resource) before the page finishes.
pub const ERROR_WATCH_JS: &str = r#"window.__reportErrors=[];window.addEventListener('error',function(e){var t=e.target;window.__reportErrors.push(t&&t.tagName?('resource '+t.tagName+' failed'):String(e.message));},true);"#;

/// At the end of the body: on the window's load event (every picture fetched and decoded, or
/// failed), `data-ready="1"` when every `<img>` has pixels (naturalWidth > 0) and no error was
/// seen; otherwise `data-ready="0"` and a console error naming the problem. Synchronous on
/// `load`, so a headless browser's DOM dump (taken after load) always sees the outcome.
pub const READY_JS: &str = r#"(function(){function check(){var bad=[];Array.prototype.forEach.call(document.images,function(img){if(!(img.complete&&img.naturalWidth>0)){bad.push('image "'+img.alt+'" has no pixels');}});bad=bad.concat(window.__reportErrors);if(bad.length){document.body.dataset.ready='0';console.error('report not ready: '+bad.join('; '));}else{document.body.dataset.ready='1';}}if(document.readyState==='complete'){check();}else{window.addEventListener('load',check);}})();"#;
