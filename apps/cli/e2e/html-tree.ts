// A strict HTML reader for the report tests: a tree, or an error naming the line, for an unclosed or
// mismatched tag, an unquoted attribute, or a raw '<' or bare '&' in text. (libs/validate's own tests
// have the same reader; a package may not import another's test folder.)

export interface El {
  tag: string;
  attrs: Record<string, string>;
  children: (El | string)[];
}

const VOID = new Set(['meta', 'br', 'hr', 'img', 'input', 'link']);
const RAW = new Set(['style', 'script']);

export function parseHtml(html: string): El {
  const root: El = { tag: '#root', attrs: {}, children: [] };
  const stack = [root];
  let i = 0;
  const fail = (msg: string): never => {
    throw new Error(`line ${html.slice(0, i).split('\n').length}: ${msg}: ${JSON.stringify(html.slice(i, i + 60))}`);
  };
  while (i < html.length) {
    const top = stack.at(-1)!;
    if (html.startsWith('<!DOCTYPE html>', i)) i += 15;
    else if (html.startsWith('<!--', i)) i = html.indexOf('-->', i) < 0 ? fail('unclosed comment') : html.indexOf('-->', i) + 3;
    else if (html.startsWith('</', i)) {
      const m = /^<\/([a-zA-Z][\w-]*)\s*>/.exec(html.slice(i)) ?? fail('bad end tag');
      if (m[1] !== top.tag) fail(`</${m[1]}> closes <${top.tag}>`);
      stack.pop();
      i += m[0].length;
    } else if (html[i] === '<') {
      const m = /^<([a-zA-Z][\w-]*)((?:\s+[a-zA-Z_:][\w:.-]*="[^"<]*")*)\s*(\/?)>/.exec(html.slice(i)) ?? fail('bad start tag');
      const attrs = Object.fromEntries([...m[2]!.matchAll(/([a-zA-Z_:][\w:.-]*)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!]));
      const el: El = { tag: m[1]!, attrs, children: [] };
      top.children.push(el);
      i += m[0].length;
      if (RAW.has(el.tag)) {
        const end = html.indexOf(`</${el.tag}>`, i);
        if (end < 0) fail(`unclosed <${el.tag}>`);
        el.children.push(html.slice(i, end));
        i = end + el.tag.length + 3;
      } else if (!VOID.has(el.tag) && m[3] !== '/') stack.push(el);
    } else {
      const end = html.indexOf('<', i) < 0 ? html.length : html.indexOf('<', i);
      const text = html.slice(i, end);
      if (/&(?!(amp|lt|gt|quot|#39|#\d+);)/.test(text)) fail('bare & in text');
      top.children.push(text);
      i = end;
    }
  }
  if (stack.length > 1) fail(`unclosed <${stack.at(-1)!.tag}>`);
  return root;
}

export function findAll(node: El | string, pred: (el: El) => boolean, out: El[] = []): El[] {
  if (typeof node === 'string') return out;
  if (pred(node)) out.push(node);
  for (const c of node.children) findAll(c, pred, out);
  return out;
}

export const textOf = (node: El | string): string => (typeof node === 'string' ? node : node.children.map(textOf).join(''));
