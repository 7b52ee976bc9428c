/**
 * Jest global setup: compiles src once into .e2e-dist (laid out as dist/, so paths the app resolves
 * from __dirname still land on package.json, cards/ and appPackage/), plus the one child program that
 * e2e tests start the app with. Children then run plain JavaScript instead of transpiling every
 * source file in every process. Transpile only, as ts-jest's isolated modules do: `npm run typecheck`
 * checks types.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

const ROOT = path.join(__dirname, '..', '..');
const OUT = path.join(ROOT, '.e2e-dist');
const OPTIONS = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, sourceMap: false };

function transpile(file: string, target: string): void {
  const source = fs.readFileSync(file, 'utf8');
  if (fs.existsSync(target) && fs.statSync(target).mtimeMs >= fs.statSync(file).mtimeMs) return;
  const out = ts.transpileModule(source, { fileName: file, compilerOptions: OPTIONS });
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, out.outputText);
}

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

export default function globalSetup(): void {
  const src = path.join(ROOT, 'src');
  for (const file of sources(src)) transpile(file, path.join(OUT, path.relative(src, file)).replace(/\.ts$/, '.js'));
  transpile(path.join(__dirname, 'app-child.ts'), path.join(OUT, 'app-child.js'));
}
