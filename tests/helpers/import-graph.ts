// The project's import graph, read with TypeScript's own parser and module resolution, for the
// import-rule test: every static import and export, every `import()` (a dynamic import is still an
// edge: it must not hide a cycle), `require()` and `import('x')` in types.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const root = path.resolve(import.meta.dirname, '../..');

export interface ImportSite {
  specifier: string;
  line: number;
  /** Erased at run time (`import type`, `export type`, `typeof import()`). */
  typeOnly: boolean;
}

export interface ImportEdge extends ImportSite {
  from: string;
  /** The file it resolves to, relative to the project root; null for packages and assets. */
  to: string | null;
}

/** Source files under `dir` (relative to the root, with forward slashes). */
export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...sourceFiles(relative));
    else if (/\.(ts|tsx|mts|cts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(relative);
  }
  return out;
}

function stringArgument(node: ts.CallExpression): string | undefined {
  const [first] = node.arguments;
  return first && ts.isStringLiteralLike(first) ? first.text : undefined;
}

function isTypeOnlyImport(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false;
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  return (
    !clause.name &&
    bindings !== undefined &&
    ts.isNamedImports(bindings) &&
    bindings.elements.length > 0 &&
    bindings.elements.every((element) => element.isTypeOnly)
  );
}

/** Every module a file refers to, with the line it does so on. */
export function importsOf(file: string): ImportSite[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const sites: ImportSite[] = [];
  const add = (node: ts.Node, specifier: string, typeOnly: boolean) =>
    sites.push({ specifier, typeOnly, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1 });
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier))
      add(node, node.moduleSpecifier.text, isTypeOnlyImport(node));
    else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier))
      add(node, node.moduleSpecifier.text, node.isTypeOnly);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal))
      add(node, node.argument.literal.text, true);
    else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))
    ) {
      const specifier = stringArgument(node);
      if (specifier !== undefined) add(node, specifier, false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return sites;
}

const RESOLUTION: ts.CompilerOptions = {
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  resolveJsonModule: true,
  jsx: ts.JsxEmit.ReactJSX,
};

/** The project file a relative specifier names, as TypeScript resolves it; null for anything else. */
export function resolveImport(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const resolved = ts.resolveModuleName(specifier, path.join(root, from), RESOLUTION, ts.sys).resolvedModule;
  if (!resolved || resolved.isExternalLibraryImport) return null;
  return path.relative(root, resolved.resolvedFileName).split(path.sep).join('/');
}

export function edgesOf(files: string[]): ImportEdge[] {
  return files.flatMap((from) => importsOf(from).map((site) => ({ ...site, from, to: resolveImport(from, site.specifier) })));
}

/**
 * Every import cycle, each as the files in import order with the first repeated at the end
 * (`a.ts → b.ts → a.ts`). Tarjan's strongly connected components, then the shortest loop through
 * each of a component's files (the same loop found from two of its files is named once), so the
 * message names real imports.
 */
export function findCycles(edges: ImportEdge[]): string[][] {
  const graph = new Map<string, string[]>();
  for (const edge of edges) {
    if (!edge.to) continue;
    const targets = graph.get(edge.from) ?? [];
    if (!targets.includes(edge.to)) targets.push(edge.to);
    graph.set(edge.from, targets);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let next = 0;
  const connect = (node: string): void => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const target of graph.get(node) ?? []) {
      if (!index.has(target)) {
        connect(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node)!, index.get(target)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || graph.get(node)?.includes(node)) components.push(component);
  };
  for (const node of graph.keys()) if (!index.has(node)) connect(node);
  const loops = new Map<string, string[]>();
  for (const component of components) {
    for (const start of component) {
      const loop = shortestLoop(graph, new Set(component), start).slice(0, -1);
      const first = loop.indexOf([...loop].sort()[0]!);
      const rotated = [...loop.slice(first), ...loop.slice(0, first)];
      loops.set(rotated.join('\n'), [...rotated, rotated[0]!]);
    }
  }
  return [...loops.values()];
}

/** Breadth-first from `start` back to itself, staying inside its component. */
function shortestLoop(graph: Map<string, string[]>, component: Set<string>, start: string): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const target of graph.get(node) ?? []) {
      if (!component.has(target)) continue;
      if (target === start) {
        const loop = [start];
        for (let at: string | undefined = node; at !== start && at !== undefined; at = previous.get(at)) loop.splice(1, 0, at);
        return [...loop, start];
      }
      if (!previous.has(target)) {
        previous.set(target, node);
        queue.push(target);
      }
    }
  }
  return [start, start];
}
