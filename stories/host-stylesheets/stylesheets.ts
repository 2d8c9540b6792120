/**
 * Small, faithful copies of the stylesheets real host pages carry, inlined so the stories
 * need no network. Each is the part of the original that touches elements a widget renders
 * (the originals' vendor-prefixed and form-control details trimmed where they do not).
 */

/** A "modern CSS reset": Josh Comeau's and Andy Bell's, as most hand-built sites paste them. */
export const modernReset = `
*, *::before, *::after { box-sizing: border-box; }
* { margin: 0; }
body { line-height: 1.5; -webkit-font-smoothing: antialiased; }
img, picture, video, canvas, svg { display: block; max-width: 100%; }
input, button, textarea, select { font: inherit; }
p, h1, h2, h3, h4, h5, h6 { overflow-wrap: break-word; }
h1, h2, h3, h4, button, input, label { line-height: 1.1; }
h1, h2, h3, h4 { text-wrap: balance; }
ul[role='list'], ol[role='list'] { list-style: none; }
a:not([class]) { text-decoration-skip-ink: auto; color: currentColor; }
textarea:not([rows]) { min-height: 10em; }
:target { scroll-margin-block: 5ex; }
`;

/** Bootstrap 5.3's reboot: its element rules, with its custom properties at their defaults. */
export const bootstrapReboot = `
*, *::before, *::after { box-sizing: border-box; }
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; font-size: 1rem; font-weight: 400; line-height: 1.5; color: #212529; background-color: #fff; -webkit-text-size-adjust: 100%; }
hr { margin: 1rem 0; color: inherit; border: 0; border-top: 1px solid; opacity: .25; }
h6, h5, h4, h3, h2, h1 { margin-top: 0; margin-bottom: .5rem; font-weight: 500; line-height: 1.2; color: inherit; }
h1 { font-size: calc(1.375rem + 1.5vw); }
h2 { font-size: calc(1.325rem + .9vw); }
h3 { font-size: calc(1.3rem + .6vw); }
h4 { font-size: calc(1.275rem + .3vw); }
h5 { font-size: 1.25rem; }
h6 { font-size: 1rem; }
@media (min-width: 1200px) { h1 { font-size: 2.5rem; } h2 { font-size: 2rem; } h3 { font-size: 1.75rem; } h4 { font-size: 1.5rem; } }
p { margin-top: 0; margin-bottom: 1rem; }
address { margin-bottom: 1rem; font-style: normal; line-height: inherit; }
ol, ul { padding-left: 2rem; }
ol, ul, dl { margin-top: 0; margin-bottom: 1rem; }
ol ol, ul ul, ol ul, ul ol { margin-bottom: 0; }
dt { font-weight: 700; }
dd { margin-bottom: .5rem; margin-left: 0; }
b, strong { font-weight: bolder; }
small { font-size: .875em; }
a { color: rgba(13, 110, 253, 1); text-decoration: underline; }
a:hover { color: rgba(10, 88, 202, 1); }
a:not([href]):not([class]), a:not([href]):not([class]):hover { color: inherit; text-decoration: none; }
code, kbd, pre, samp { font-family: SFMono-Regular, Menlo, Monaco, Consolas, "Liberation Mono", "Courier New", monospace; font-size: 1em; }
code { font-size: .875em; color: #d63384; word-wrap: break-word; }
img, svg { vertical-align: middle; }
table { caption-side: bottom; border-collapse: collapse; }
caption { padding-top: .5rem; padding-bottom: .5rem; color: rgba(33, 37, 41, .75); text-align: left; }
th { text-align: inherit; text-align: -webkit-match-parent; }
thead, tbody, tfoot, tr, td, th { border-color: inherit; border-style: solid; border-width: 0; }
label { display: inline-block; }
button { border-radius: 0; }
button:focus:not(:focus-visible) { outline: 0; }
input, button, select, optgroup, textarea { margin: 0; font-family: inherit; font-size: inherit; line-height: inherit; }
button, select { text-transform: none; }
[role=button] { cursor: pointer; }
select { word-wrap: normal; }
button, [type=button], [type=reset], [type=submit] { -webkit-appearance: button; }
button:not(:disabled), [type=button]:not(:disabled), [type=reset]:not(:disabled), [type=submit]:not(:disabled) { cursor: pointer; }
textarea { resize: vertical; }
fieldset { min-width: 0; padding: 0; margin: 0; border: 0; }
legend { float: left; width: 100%; padding: 0; margin-bottom: .5rem; font-size: calc(1.275rem + .3vw); line-height: inherit; }
@media (min-width: 1200px) { legend { font-size: 1.5rem; } }
legend + * { clear: left; }
output { display: inline-block; }
summary { display: list-item; cursor: pointer; }
progress { vertical-align: baseline; }
[hidden] { display: none !important; }
`;

/** Tailwind CSS v3.4's preflight (emitted unlayered by \`@tailwind base\`). */
export const tailwind3Preflight = `
*, ::before, ::after { box-sizing: border-box; border-width: 0; border-style: solid; border-color: #e5e7eb; }
::before, ::after { --tw-content: ''; }
html, :host { line-height: 1.5; -webkit-text-size-adjust: 100%; tab-size: 4; font-family: ui-sans-serif, system-ui, sans-serif, "Apple Color Emoji", "Segoe UI Emoji"; font-feature-settings: normal; font-variation-settings: normal; -webkit-tap-highlight-color: transparent; }
body { margin: 0; line-height: inherit; }
hr { height: 0; color: inherit; border-top-width: 1px; }
abbr:where([title]) { text-decoration: underline dotted; }
h1, h2, h3, h4, h5, h6 { font-size: inherit; font-weight: inherit; }
a { color: inherit; text-decoration: inherit; }
b, strong { font-weight: bolder; }
code, kbd, samp, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Monaco, Consolas, monospace; font-feature-settings: normal; font-variation-settings: normal; font-size: 1em; }
small { font-size: 80%; }
sub, sup { font-size: 75%; line-height: 0; position: relative; vertical-align: baseline; }
table { text-indent: 0; border-color: inherit; border-collapse: collapse; }
button, input, optgroup, select, textarea { font-family: inherit; font-feature-settings: inherit; font-variation-settings: inherit; font-size: 100%; font-weight: inherit; line-height: inherit; letter-spacing: inherit; color: inherit; margin: 0; padding: 0; }
button, select { text-transform: none; }
button, input:where([type='button']), input:where([type='reset']), input:where([type='submit']) { -webkit-appearance: button; background-color: transparent; background-image: none; }
:-moz-focusring { outline: auto; }
progress { vertical-align: baseline; }
summary { display: list-item; }
blockquote, dl, dd, h1, h2, h3, h4, h5, h6, hr, figure, p, pre { margin: 0; }
fieldset { margin: 0; padding: 0; }
legend { padding: 0; }
ol, ul, menu { list-style: none; margin: 0; padding: 0; }
dialog { padding: 0; }
textarea { resize: vertical; }
input::placeholder, textarea::placeholder { opacity: 1; color: #9ca3af; }
button, [role="button"] { cursor: pointer; }
:disabled { cursor: default; }
img, svg, video, canvas, audio, iframe, embed, object { display: block; vertical-align: middle; }
img, video { max-width: 100%; height: auto; }
[hidden]:where(:not([hidden="until-found"])) { display: none; }
`;

/** Tailwind CSS v4's preflight, in the \`base\` layer as \`@import "tailwindcss"\` emits it. */
export const tailwind4Preflight = `
@layer theme, base, components, utilities;
@layer base {
*, ::after, ::before, ::backdrop, ::file-selector-button { box-sizing: border-box; margin: 0; padding: 0; border: 0 solid; }
html, :host { line-height: 1.5; -webkit-text-size-adjust: 100%; tab-size: 4; font-family: ui-sans-serif, system-ui, sans-serif; -webkit-tap-highlight-color: transparent; }
hr { height: 0; color: inherit; border-top-width: 1px; }
h1, h2, h3, h4, h5, h6 { font-size: inherit; font-weight: inherit; }
a { color: inherit; -webkit-text-decoration: inherit; text-decoration: inherit; }
b, strong { font-weight: bolder; }
small { font-size: 80%; }
table { text-indent: 0; border-color: inherit; border-collapse: collapse; }
ol, ul, menu { list-style: none; }
img, svg, video, canvas, audio, iframe, embed, object { display: block; vertical-align: middle; }
img, video { max-width: 100%; height: auto; }
button, input, select, optgroup, textarea, ::file-selector-button { font: inherit; font-feature-settings: inherit; font-variation-settings: inherit; letter-spacing: inherit; color: inherit; border-radius: 0; background-color: transparent; opacity: 1; }
::placeholder { opacity: 1; color: color-mix(in oklab, currentcolor 50%, transparent); }
textarea { resize: vertical; }
button, input:where([type="button"], [type="reset"], [type="submit"]), ::file-selector-button { appearance: button; }
[hidden]:where(:not([hidden="until-found"])) { display: none !important; }
}
`;

/**
 * The example dashboard's own rules as issue 21 found them (examples/dashboard/src/app.css):
 * its top bar's \`.app nav button\` also reached every \`<nav>\` a widget renders. The
 * dashboard now says \`.app header nav\`; another host may not.
 */
export const dashboard = `
body { margin: 0; font: 15px / 1.5 system-ui, sans-serif; color: #1b2232; background: #f4f6fb; }
.app nav { display: flex; gap: 4px; }
.app nav button { font: inherit; color: #cfd6e4; background: none; border: 0; padding: 6px 12px; border-radius: 6px; cursor: pointer; }
.app nav button[aria-current="page"] { background: #2f3a52; color: #fff; }
.app main { max-width: 1040px; margin: 0 auto; padding: 24px; display: grid; gap: 16px; }
.app h1 { font-size: 20px; margin: 16px 0 0; }
.app h2 { font-size: 16px; margin: 0; }
`;

/**
 * An older site theme's generic element rules, the kind a CMS page carries: every \`nav\`,
 * \`table\`, heading and button on the page styled by element, not by class.
 */
export const genericElements = `
* { box-sizing: content-box; }
body { font: 13px/1.4 Georgia, serif; color: #555; }
h2 { font-size: 30px; font-weight: 300; color: #9aa0a6; text-transform: uppercase; letter-spacing: .12em; margin: 32px 0 16px; }
h3 { font-size: 11px; font-weight: 400; color: #aaa; text-transform: uppercase; }
p { margin: 0 0 1.5em; color: #888; font-size: 11px; }
nav { display: flex; width: 60px; }
nav button { background: none; border: 0; color: #ddd; font-size: 10px; width: 60px; padding: 0; }
button { background: none; border: none; font-size: 11px; text-transform: uppercase; }
table { width: auto; border: 2px solid #eee; }
table td, table th { padding: 18px; border: 1px solid #eee; font-size: 10px; color: #bbb; text-align: center; vertical-align: top; }
ul { padding-left: 40px; list-style: square; margin: 0 0 20px; }
li { margin-bottom: 10px; }
label { display: block; font-weight: 700; font-size: 10px; text-transform: uppercase; color: #999; }
input, select, textarea { width: 100%; padding: 10px; border: 2px solid #eee; font-size: 11px; }
a { color: #7fb3ff; text-decoration: none; }
small { font-size: 9px; }
`;

export const hostStylesheets = {
  'Modern CSS reset': modernReset,
  'Bootstrap 5 reboot': bootstrapReboot,
  'Tailwind v3 preflight': tailwind3Preflight,
  'Tailwind v4 preflight': tailwind4Preflight,
  'Example dashboard': dashboard,
  'Generic element rules': genericElements,
} as const;
export type HostStylesheet = keyof typeof hostStylesheets;
