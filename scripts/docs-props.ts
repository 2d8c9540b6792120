// `pnpm docs:props`: each widget's API reference, generated from its types, for its docs page
// (stories/<widget>/<widget>.api.md, shown by stories/<widget>/<widget>.mdx). For every
// widget entry point (packages/react/src/<widget>/index.ts) it lists what the entry
// exports: the widget's props, the hook's options, and each part with its own props and the
// `data-*` attributes its TSDoc names. Types come from the TypeScript checker, descriptions
// and defaults from the source (TSDoc, `@default`, destructuring defaults), so a change to a
// prop changes the page. scripts/docs-props.test.ts fails when the files are stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The widgets, in the order the README lists them: the folder under packages/react/src and stories. */
export const WIDGETS = [
  'provider-picker',
  'staff-account-editor',
  'personal-sessions-action',
  'session-link-editor',
  'course-link-editor',
  'sessions-overview',
  'email-block-editor',
  'service-video-switch',
] as const;

const pascal = (dir: string) => dir.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
export const docsFile = (widget: string) => join(root, 'stories', widget, `${widget}.api.md`);

/** Markdown table cell: one line, pipes escaped. */
const cell = (text: string) =>
  text
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();
const code = (text: string) => `\`${text}\``;

function program() {
  const base = ts.readConfigFile(join(root, 'tsconfig.base.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(base.config, ts.sys, root);
  const roots = WIDGETS.map((w) => join(root, 'packages/react/src', w, 'index.ts'));
  return ts.createProgram(roots, { ...options, noEmit: true });
}

let generated: Map<string, string> | undefined;

/** Generates every widget's reference: file path → Markdown. */
export function generate(): Map<string, string> {
  generated ??= build();
  return generated;
}

function build(): Map<string, string> {
  const prog = program();
  const checker = prog.getTypeChecker();
  const fromLibrary = (d: ts.Declaration) => d.getSourceFile().fileName.includes('/node_modules/');
  const docOf = (s: ts.Symbol) => ts.displayPartsToString(s.getDocumentationComment(checker));
  const flags = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope;
  /** The type as the checker writes it; a union of literals sorted, so its order does not depend on the program. */
  const typeText = (t: ts.Type): string =>
    t.isUnion() && !(t.flags & ts.TypeFlags.Boolean) && t.types.every((m) => m.isLiteral() || m.flags & ts.TypeFlags.BooleanLiteral)
      ? t.types
          .map((m) => checker.typeToString(m, undefined, flags))
          .sort()
          .join(' | ')
      : checker.typeToString(t, undefined, flags);

  /** The function a (possibly re-exported, possibly memo()-wrapped) export declares. */
  function functionOf(s: ts.Symbol): ts.FunctionDeclaration | ts.VariableDeclaration | undefined {
    const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
    const d = target.declarations?.[0];
    if (d && (ts.isFunctionDeclaration(d) || ts.isVariableDeclaration(d))) return d;
    return undefined;
  }

  /** The function node behind a declaration (through memo(…), forwardRef(…)). */
  function fnNode(decl: ts.Node | undefined) {
    let f = decl;
    if (f && ts.isVariableDeclaration(f)) f = f.initializer;
    while (f && ts.isCallExpression(f)) f = f.arguments[0];
    return f && (ts.isFunctionDeclaration(f) || ts.isArrowFunction(f) || ts.isFunctionExpression(f)) ? f : undefined;
  }

  /** `{ a = 1, b = 'x' }` in parameter `index`: the defaults the code applies. */
  function defaultsOf(decl: ts.Node | undefined, into: Map<string, string>, index = 0) {
    const param = fnNode(decl)?.parameters[index];
    if (!param || !ts.isObjectBindingPattern(param.name)) return;
    for (const el of param.name.elements) {
      if (!el.initializer) continue;
      const name = (el.propertyName ?? el.name).getText();
      if (!into.has(name)) into.set(name, el.initializer.getText());
    }
  }

  /** Parameter `index`'s type of a function export (a component's props, a hook's options). */
  function paramType(s: ts.Symbol, index = 0): ts.Type | undefined {
    const decl = functionOf(s);
    if (!decl) return undefined;
    const own = (decl.name && checker.getSymbolAtLocation(decl.name)) || s;
    const signature = checker.getTypeOfSymbolAtLocation(own, decl).getCallSignatures()[0];
    const param = signature?.getParameters()[index];
    return param && checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(param, decl));
  }

  /** A hook's signature as written: `useX(sessionId: string, options?: UseXOptions)`. */
  function signatureText(s: ts.Symbol): string {
    const f = fnNode(functionOf(s));
    const params =
      f?.parameters.map(
        (p) =>
          `${ts.isIdentifier(p.name) ? p.name.text : 'options'}${p.questionToken || p.initializer ? '?' : ''}${p.type ? `: ${p.type.getText()}` : ''}`,
      ) ?? [];
    return `${s.name}(${params.join(', ')})`;
  }

  /** A table of a type's own properties; those of a DOM element (from @types/react) are summed up in one line. */
  function propsTable(type: ts.Type, defaults: Map<string, string>, what = 'prop'): string {
    const own: string[] = [];
    let inherits = false;
    for (const p of checker.getPropertiesOfType(type)) {
      const decl = p.declarations?.[0];
      if (!decl) continue;
      if (fromLibrary(decl)) {
        inherits = true;
        continue;
      }
      const optional = (p.flags & ts.SymbolFlags.Optional) !== 0;
      // As written in our source (names, not their expansion), else as the checker infers it.
      const written = (ts.isPropertySignature(decl) || ts.isPropertyDeclaration(decl)) && decl.type ? decl.type.getText() : undefined;
      const inferred = typeText(checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(p, decl)));
      // `required` says whether it may be left out: an optional prop's `| undefined` adds nothing.
      const t = written ?? (optional ? inferred.replace(/^\((.*)\) \| undefined$|^(.*) \| undefined$/, '$1$2') : inferred);
      const tagged = p.getJsDocTags(checker).find((tag) => tag.name === 'default');
      const dflt = tagged ? ts.displayPartsToString(tagged.text) : defaults.get(p.name);
      own.push(
        `| ${code(p.name)} | ${cell(code(t))} | ${optional ? 'no' : '**yes**'} | ${dflt ? cell(code(dflt)) : ''} | ${cell(docOf(p))} |`,
      );
    }
    const rows = own.length ? [`| ${what} | type | required | default | description |`, '|---|---|---|---|---|', ...own].join('\n') : '';
    const rest = inherits ? 'It also takes the attributes of its element (`ref`, `className`, `aria-*`, event handlers…).' : '';
    return [rows, rest].filter(Boolean).join('\n\n') || 'No props.';
  }

  const files = new Map<string, string>();
  for (const widget of WIDGETS) {
    const name = pascal(widget);
    const entry = prog.getSourceFile(join(root, 'packages/react/src', widget, 'index.ts'));
    const moduleSymbol = entry && checker.getSymbolAtLocation(entry);
    if (!moduleSymbol) throw new Error(`no module for ${widget}`);
    const exports = checker.getExportsOfModule(moduleSymbol);
    const byName = new Map(exports.map((s) => [s.name, s]));
    const valueExport = (s: ts.Symbol) => {
      const t = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
      return (t.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Variable)) !== 0;
    };
    const widgetSymbol = byName.get(name);
    if (!widgetSymbol) throw new Error(`${widget}/index.ts exports no ${name}`);
    const hooks = exports
      .filter((s) => valueExport(s) && /^use[A-Z]/.test(s.name) && !/(Context|Messages)$/.test(s.name) && functionOf(s))
      .sort((a, b) => (a.name === `use${name}` ? -1 : b.name === `use${name}` ? 1 : a.name.localeCompare(b.name)));
    const mainHook = hooks.find((h) => h.name === `use${name}`);

    const defaults = new Map<string, string>();
    defaultsOf(functionOf(widgetSymbol), defaults);
    if (mainHook) defaultsOf(functionOf(mainHook), defaults);
    const widgetProps = paramType(widgetSymbol);

    const out: string[] = [
      `<!-- Generated by \`pnpm docs:props\` (scripts/docs-props.ts) from ${relative(root, entry.fileName)}: do not edit. -->`,
      '',
      `### Props of \`<${name} />\``,
      '',
      cell(docOf(checker.getAliasedSymbol(widgetSymbol))),
      '',
      widgetProps ? propsTable(widgetProps, defaults) : 'No props.',
    ];

    for (const hook of hooks) {
      out.push('', `### \`${signatureText(hook)}\``, '', cell(docOf(checker.getAliasedSymbol(hook))));
      // Its options: the parameters that take an object of ours (not an id, not a DOM type).
      const params = fnNode(functionOf(hook))?.parameters ?? [];
      params.forEach((_, i) => {
        const type = paramType(hook, i);
        const declared = type?.getSymbol()?.declarations?.[0] ?? type?.aliasSymbol?.declarations?.[0];
        if (!type || !declared || fromLibrary(declared) || !(type.flags & ts.TypeFlags.Object)) return;
        const hookDefaults = new Map<string, string>();
        defaultsOf(functionOf(hook), hookDefaults, i);
        out.push('', propsTable(type, hookDefaults, 'option'));
      });
    }

    // Parts: the other components of the entry (PascalCase functions), with their own props and data attributes.
    const parts = exports
      .filter((s) => valueExport(s) && /^[A-Z]/.test(s.name) && s.name !== name && s.name !== 'SessionLinksProvider' && functionOf(s))
      .sort((a, b) => a.name.localeCompare(b.name));
    out.push(
      '',
      '### Parts: their props and `data-*` attributes',
      '',
      '| part | props | `data-*` attributes | description |',
      '|---|---|---|---|',
    );
    for (const part of parts) {
      const doc = docOf(checker.getAliasedSymbol(part));
      const data = [...new Set([...doc.matchAll(/`(data-[a-z-]+)/g)].map((m) => m[1] as string))];
      const type = paramType(part);
      const all = type ? checker.getPropertiesOfType(type) : [];
      const props = all
        .filter((p) => p.declarations?.[0] && !fromLibrary(p.declarations[0]))
        .map((p) => code(`${p.name}${p.flags & ts.SymbolFlags.Optional ? '?' : ''}`));
      if (all.some((p) => p.declarations?.[0] && fromLibrary(p.declarations[0]))) props.push("its element's attributes");
      out.push(`| ${code(part.name)} | ${props.join(', ')} | ${data.map(code).join(', ')} | ${cell(doc)} |`);
    }
    files.set(docsFile(widget), `${out.join('\n')}\n`);
  }
  return files;
}

/** The widgets whose checked-in reference differs from what the types give now. */
export function stale(): string[] {
  const found: string[] = [];
  for (const [file, text] of generate()) {
    let current = '';
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      // missing counts as stale
    }
    if (current !== text) found.push(relative(root, file));
  }
  return found;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [file, text] of generate()) writeFileSync(file, text);
  console.log(`wrote ${WIDGETS.length} widget references (stories/<widget>/<widget>.api.md)`);
}
