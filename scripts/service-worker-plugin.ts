import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createHash } from 'node:crypto';
import ts from 'typescript';
import type { Plugin } from 'vite';

/** Every file under `dir`, as paths relative to it with forward slashes. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(dir, path).split('\\').join('/'));
    }
  };
  walk(dir);
  return out;
}

/**
 * Emits `sw.js` (src/sw/service-worker.ts, compiled) with the list of every file of the build to precache and a
 * version that changes with any of them, so a new build installs beside the old one and replaces it when the page
 * says so.
 */
export function serviceWorker(root: string): Plugin {
  return {
    name: 'customer-lens-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const built = Object.keys(bundle).filter((f) => !f.endsWith('.map'));
      const publicFiles = filesUnder(join(root, 'public'));
      const precache = ['./', ...built.filter((f) => f !== 'index.html'), ...publicFiles].sort();
      const hash = createHash('sha256');
      for (const name of built) {
        const item = bundle[name]!;
        hash.update(name).update(item.type === 'chunk' ? item.code : typeof item.source === 'string' ? item.source : Buffer.from(item.source));
      }
      for (const name of publicFiles) hash.update(name).update(readFileSync(join(root, 'public', name)));
      const source = readFileSync(join(root, 'src/sw/service-worker.ts'), 'utf8');
      const js = ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.None } }).outputText;
      this.emitFile({
        type: 'asset',
        fileName: 'sw.js',
        source: `const PRECACHE = ${JSON.stringify(precache)};\nconst VERSION = ${JSON.stringify(hash.digest('hex').slice(0, 16))};\n${js}`,
      });
    },
  };
}
