/**
 * Reads the example blocks of the rule documentation (the convention of docs/rules/README.md):
 * fenced blocks whose info string is `<lang> noncompliant|compliant file=<path> [group=<name>]`,
 * grouped into example workspaces. Used by docs-examples.test.ts and the scaffold's test.
 */

export interface ExampleBlock {
  label: 'compliant' | 'noncompliant';
  file: string;
  group?: string;
  line: number;
  text: string;
}

/** The example blocks of one page, in order. Fences of three or more backticks or tildes. */
export function exampleBlocks(markdown: string): ExampleBlock[] {
  const lines = markdown.split('\n');
  const blocks: ExampleBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,}|~{3,})\s*(\S.*)?$/.exec(lines[i]);
    if (!open) continue;
    const fence = open[1];
    const body: string[] = [];
    const closes = (line: string) => {
      const t = line.trim();
      return t.length >= fence.length && [...t].every((c) => c === fence[0]);
    };
    let j = i + 1;
    while (j < lines.length && !closes(lines[j])) body.push(lines[j++]);
    const words = (open[2] ?? '').trim().split(/\s+/);
    const label = words.find((w) => w === 'compliant' || w === 'noncompliant') as ExampleBlock['label'] | undefined;
    const attr = (name: string) => words.find((w) => w.startsWith(`${name}=`))?.slice(name.length + 1);
    const file = attr('file');
    if (label && file) blocks.push({ label, file, group: attr('group'), line: i + 1, text: body.join('\n') + '\n' });
    i = j;
  }
  return blocks;
}

/** Blocks grouped into workspaces: same label and group; a block without a group is alone. */
export function exampleWorkspaces(blocks: ExampleBlock[]): Array<{ label: ExampleBlock['label']; name: string; blocks: ExampleBlock[] }> {
  const out = new Map<string, { label: ExampleBlock['label']; name: string; blocks: ExampleBlock[] }>();
  for (const b of blocks) {
    const key = b.group ? `${b.label}\u0000${b.group}` : `${b.label}\u0000line ${b.line}`;
    const entry = out.get(key) ?? { label: b.label, name: b.group ? `group ${b.group}` : `${b.file} at line ${b.line}`, blocks: [] };
    entry.blocks.push(b);
    out.set(key, entry);
  }
  return [...out.values()];
}
