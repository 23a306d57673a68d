/**
 * The synthetic monorepo: `files` files in packages of about 80, seeded so that a size always
 * produces the same tree. About 88 % of the files are what real repositories are mostly made of
 * (React components, utilities, tests, JSON, Markdown, CSS, images, plain Python and YAML); the
 * rest are cloud files of every format the scanners read. A root `.gitignore` (honoured by both
 * the scanner and `rg`) and the usual dot-folders (`.github/workflows`, `.env`) are included.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Random } from './random';
import * as shape from './shapes';

/** Relative weights of the file kinds; the cloud kinds add up to about 12 of 100. */
export const KIND_WEIGHTS = {
  react: 22, tsUtil: 14, test: 12, jsUtil: 4, json: 7, markdown: 6, css: 7, png: 5, svg: 3, pyUtil: 3, yamlOther: 2, text: 3,
  sdkV3: 3.2, sdkV2: 1.2, boto3: 2, cfnYaml: 1.3, cfnJson: 0.3, terraform: 1.8, cdk: 0.8, serverless: 0.3, workflow: 0.3, dotenv: 0.5, samconfig: 0.3, dockerfile: 0.2, compose: 0.1,
} as const;
export type FileKind = keyof typeof KIND_WEIGHTS;
export const CLOUD_KINDS: readonly FileKind[] = ['sdkV3', 'sdkV2', 'boto3', 'cfnYaml', 'cfnJson', 'terraform', 'cdk', 'serverless', 'workflow', 'dotenv', 'samconfig', 'dockerfile', 'compose'];

const FILES_PER_PACKAGE = 80;

export interface GeneratedCorpus {
  root: string;
  files: number;
  bytes: number;
  byKind: Record<string, number>;
}

export function generateSynthetic(root: string, files: number, seed = 20240611): GeneratedCorpus {
  const r = new Random(seed ^ files);
  const byKind: Record<string, number> = {};
  let bytes = 0;
  const made = new Set<string>();
  const write = (rel: string, content: string | Buffer) => {
    const abs = path.join(root, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
    bytes += typeof content === 'string' ? Buffer.byteLength(content) : content.length;
    made.add(rel);
  };
  write('.gitignore', ['node_modules/', 'coverage/', '*.log', 'tmp/', '.env.local', ''].join('\n'));
  write('README.md', '# acme monorepo\n\nPackages under packages/, services under services/.\n');
  let count = 2;
  let unit = 0;
  while (count < files) {
    const noun = shape.NOUNS[unit % shape.NOUNS.length];
    const service = unit % 3 === 0;
    const dir = service ? `services/${noun}-${unit}` : `packages/${noun}-ui-${unit}`;
    const counters: Record<string, number> = {};
    const next = (k: string) => (counters[k] = (counters[k] ?? 0) + 1);
    for (let i = 0; i < FILES_PER_PACKAGE && count < files; i++) {
      let kind = r.weighted(KIND_WEIGHTS);
      // Cloud code lives in services; a web package that draws one gets a component instead,
      // and services draw cloud kinds at three times the weight so that the total stays ~12 %.
      if (!service && CLOUD_KINDS.includes(kind)) kind = 'react';
      if (service && !CLOUD_KINDS.includes(kind) && r.chance(0.2)) kind = r.pick(['sdkV3', 'sdkV3', 'sdkV2', 'boto3', 'boto3', 'cfnYaml', 'terraform', 'terraform'] as const);
      const n = next(kind);
      const name = `${shape.NOUNS[r.int(0, shape.NOUNS.length - 1)]}-${n}`;
      let rel: string;
      let content: string | Buffer;
      switch (kind) {
        case 'react': rel = `${dir}/src/components/${shape.pascal(name)}.tsx`; content = shape.reactComponent(r, name); break;
        case 'tsUtil': rel = `${dir}/src/utils/${name}.ts`; content = shape.tsUtility(r, name); break;
        case 'test': rel = `${dir}/src/__tests__/${shape.pascal(name)}.test.tsx`; content = shape.testFile(r, name); break;
        case 'jsUtil': rel = `${dir}/scripts/${name}.js`; content = shape.jsUtility(r, name); break;
        case 'json': rel = n === 1 ? `${dir}/package.json` : `${dir}/src/i18n/${name}.json`; content = shape.jsonData(r, n === 1 ? 'package.json' : name); break;
        case 'markdown': rel = n === 1 ? `${dir}/README.md` : `${dir}/docs/${name}.md`; content = shape.markdown(r, name, r.chance(0.15)); break;
        case 'css': rel = `${dir}/src/styles/${name}.module.css`; content = shape.css(r); break;
        case 'png': rel = `${dir}/public/img/${name}.png`; content = shape.pngBytes(r); break;
        case 'svg': rel = `${dir}/public/icons/${name}.svg`; content = shape.svg(r); break;
        case 'pyUtil': rel = `${dir}/tools/${name.replace(/-/g, '_')}.py`; content = shape.pythonUtility(r, name); break;
        case 'yamlOther': rel = `${dir}/deploy/k8s/${name}.yaml`; content = shape.yamlOther(r, name); break;
        case 'text': rel = `${dir}/src/__tests__/__snapshots__/${name}.snap`; content = `// Vitest Snapshot v1\n\nexports[\`${name} 1\`] = \`"<div>${name}</div>"\`;\n`; break;
        case 'sdkV3': rel = `${dir}/src/handlers/${name}.ts`; content = shape.tsSdkV3(r, name); break;
        case 'sdkV2': rel = `${dir}/src/jobs/${name}.js`; content = shape.jsSdkV2(r, name); break;
        case 'boto3': rel = `${dir}/workers/${name.replace(/-/g, '_')}.py`; content = shape.pythonWorker(r, name); break;
        case 'cfnYaml': rel = n === 1 ? `${dir}/template.yaml` : `${dir}/templates/${name}.yaml`; content = shape.cfnYaml(r, name); break;
        case 'cfnJson': rel = `${dir}/templates/${name}.json`; content = shape.cfnJson(r, name); break;
        case 'terraform': {
          const tf = n === 1 ? 'providers' : n === 2 ? 'variables' : 'main';
          rel = `${dir}/infra/${tf === 'main' ? `${name}.tf` : `${tf}.tf`}`;
          content = shape.terraform(r, tf);
          break;
        }
        case 'cdk': rel = n === 1 ? `${dir}/cdk/bin/app.ts` : `${dir}/cdk/lib/${name}-stack.ts`; content = n === 1 ? shape.cdkApp(r, name) : shape.cdkStack(r, name); break;
        case 'serverless': rel = n === 1 ? `${dir}/serverless.yml` : `${dir}/stacks/${name}/serverless.yml`; content = shape.serverlessYml(r, `${noun}-${unit}-${n}`); break;
        case 'workflow': rel = `.github/workflows/deploy-${noun}-${unit}-${n}.yml`; content = shape.workflow(r, `${noun}-${unit}`, dir); break;
        case 'dotenv': rel = n === 1 ? `${dir}/.env` : `${dir}/.env.${['staging', 'prod', 'test', 'example'][n % 4]}${n}`; content = shape.dotenv(r); break;
        case 'samconfig': rel = n === 1 ? `${dir}/samconfig.toml` : `${dir}/envs/${name}/samconfig.toml`; content = shape.samconfig(r, `${noun}-${unit}`); break;
        case 'dockerfile': rel = n === 1 ? `${dir}/Dockerfile` : `${dir}/docker/${name}.Dockerfile`; content = shape.dockerfile(r); break;
        case 'compose': rel = n === 1 ? `${dir}/docker-compose.yml` : `${dir}/compose.${name}.yaml`; content = shape.composeFile(r); break;
      }
      if (made.has(rel)) continue;
      write(rel, content);
      byKind[kind] = (byKind[kind] ?? 0) + 1;
      count++;
    }
    unit++;
  }
  return { root, files: count, bytes, byKind };
}
