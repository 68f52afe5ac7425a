/**
 * The shape of the code, measured with TypeScript's own parser and kept true by `npm run lint`:
 *   - no import cycles among the product's modules;
 *   - imports point one way: `src` (shared) ← `workflows`, `activities`, `api`; workflows take
 *     activities as types only; only the entry points (`src/main/`) import across every layer;
 *   - no function in `api/` over 150 lines, none in `workflows/` over 200, no file over 400;
 *   - each domain value that a decision turns on is spelled in at most two source files (its
 *     definition and its wording), so changing one is a change in one place.
 * usage: tsx scripts/check-structure.ts [--verbose]
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '..');
const LAYERS = ['workflows', 'activities', 'api', 'src'] as const;
type Layer = (typeof LAYERS)[number] | 'main';

const MAX_FILE_LINES = 400;
const MAX_FUNCTION_LINES: Partial<Record<Layer, number>> = { api: 150, workflows: 200 };
const DOMAIN_LITERALS = [
  'virtual-panel',
  'refer-national',
  'not-notifiable',
  'commission-cspr',
  'local-cspr',
];
const MAX_FILES_PER_LITERAL = 2;

/** What each layer may import (a type-only import counts the same unless listed under `types`). */
const MAY_IMPORT: Record<Layer, { values: readonly Layer[]; types: readonly Layer[] }> = {
  src: { values: ['src'], types: ['src'] },
  workflows: { values: ['src', 'workflows'], types: ['src', 'workflows', 'activities'] },
  activities: { values: ['src', 'activities'], types: ['src', 'activities'] },
  api: { values: ['src', 'api'], types: ['src', 'api'] },
  main: {
    values: ['src', 'workflows', 'activities', 'api', 'main'],
    types: ['src', 'workflows', 'activities', 'api', 'main'],
  },
};

interface Import {
  from: string;
  to: string;
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...sourceFiles(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) found.push(full);
  }
  return found;
}

const relative = (file: string) => path.relative(ROOT, file).split(path.sep).join('/');

function layerOf(file: string): Layer {
  const rel = relative(file);
  if (rel.startsWith('src/main/')) return 'main';
  return rel.split('/')[0] as Layer;
}

function resolveImport(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

function importsOf(file: string, source: ts.SourceFile): Import[] {
  const found: Import[] = [];
  const add = (specifier: ts.Expression | undefined, typeOnly: boolean) => {
    if (!specifier || !ts.isStringLiteral(specifier)) return;
    const to = resolveImport(file, specifier.text);
    if (to) found.push({ from: file, to, typeOnly });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (!clause.name &&
            clause.namedBindings !== undefined &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      add(node.moduleSpecifier, typeOnly);
    } else if (ts.isExportDeclaration(node)) {
      add(node.moduleSpecifier, node.isTypeOnly);
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const dynamic = callee.kind === ts.SyntaxKind.ImportKeyword;
      const required = ts.isIdentifier(callee) && callee.text === 'require';
      if (dynamic || required) add(node.arguments[0], false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal as ts.Expression, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

interface FunctionLength {
  file: string;
  name: string;
  line: number;
  lines: number;
}

function functionLengths(file: string, source: ts.SourceFile): FunctionLength[] {
  const found: FunctionLength[] = [];
  const lineOf = (pos: number) => source.getLineAndCharacterOfPosition(pos).line + 1;
  const nameOf = (node: ts.Node): string => {
    const named = node as { name?: ts.Node };
    if (named.name && (ts.isIdentifier(named.name) || ts.isStringLiteral(named.name))) return named.name.text;
    const parent = node.parent;
    if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
    if (parent && ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
    return '(anonymous)';
  };
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = lineOf(node.getStart(source));
      const lines = lineOf(node.getEnd()) - start + 1;
      found.push({ file, name: nameOf(node), line: start, lines });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function literalsIn(source: ts.SourceFile): Set<string> {
  const found = new Set<string>();
  const visit = (node: ts.Node) => {
    if (
      (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) &&
      DOMAIN_LITERALS.includes(node.text)
    )
      found.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Tarjan's strongly connected components: every cycle of two or more files. */
function cycles(graph: Map<string, Set<string>>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const connect = (v: string) => {
    indices.set(v, index);
    low.set(v, index);
    index += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indices.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v)?.has(v)) found.push(component.map(relative).sort());
    }
  };
  for (const v of graph.keys()) if (!indices.has(v)) connect(v);
  return found;
}

function main(): void {
  const verbose = process.argv.includes('--verbose');
  const files = LAYERS.flatMap((layer) => sourceFiles(path.join(ROOT, layer)));
  const problems: string[] = [];
  const graph = new Map<string, Set<string>>();
  const literalFiles = new Map<string, string[]>(DOMAIN_LITERALS.map((l) => [l, []]));
  const longest = { api: 0, workflows: 0, file: 0 };

  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
    const layer = layerOf(file);
    const fileLines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    longest.file = Math.max(longest.file, fileLines);
    if (fileLines > MAX_FILE_LINES)
      problems.push(`${relative(file)}: ${fileLines} lines (a file has at most ${MAX_FILE_LINES})`);

    const edges = graph.get(file) ?? new Set<string>();
    graph.set(file, edges);
    for (const imp of importsOf(file, source)) {
      edges.add(imp.to);
      const target = layerOf(imp.to);
      const allowed = imp.typeOnly ? MAY_IMPORT[layer].types : MAY_IMPORT[layer].values;
      if (!allowed.includes(target))
        problems.push(
          `${relative(file)} imports ${imp.typeOnly ? 'types from ' : ''}${relative(imp.to)}: ${layer} may not depend on ${target}`,
        );
    }

    const limit = MAX_FUNCTION_LINES[layer];
    for (const fn of functionLengths(file, source)) {
      if (layer === 'api' || layer === 'workflows') longest[layer] = Math.max(longest[layer], fn.lines);
      if (limit !== undefined && fn.lines > limit)
        problems.push(
          `${relative(file)}:${fn.line} ${fn.name}: ${fn.lines} lines (in ${layer}, at most ${limit})`,
        );
    }

    for (const literal of literalsIn(source)) literalFiles.get(literal)!.push(relative(file));
  }

  for (const cycle of cycles(graph)) problems.push(`import cycle: ${cycle.join(' → ')}`);
  for (const [literal, where] of literalFiles) {
    if (where.length > MAX_FILES_PER_LITERAL)
      problems.push(
        `'${literal}' is spelled in ${where.length} files (at most ${MAX_FILES_PER_LITERAL}): ${where.join(', ')}`,
      );
  }

  const summary = `${files.length} files; longest file ${longest.file} lines; longest function in api ${longest.api}, in workflows ${longest.workflows}`;
  if (verbose || problems.length === 0) console.log(`structure: ${summary}`);
  if (verbose)
    for (const [literal, where] of literalFiles) console.log(`  '${literal}': ${where.join(', ')}`);
  if (problems.length > 0) {
    console.error(`structure: ${problems.length} problem(s)\n${problems.map((p) => `  ${p}`).join('\n')}`);
    process.exit(1);
  }
}

main();
