// A strict little HTML parser for tests: it builds a tree and throws on anything a careless
// renderer produces (an unclosed or mismatched tag, an unquoted attribute, a raw '<' or a bare '&'
// in text). Real HTML allows more; our reports must not need it.

export interface HtmlElement {
  tag: string;
  attrs: Record<string, string>;
  children: HtmlNode[];
}
export type HtmlNode = HtmlElement | string;

const VOID = new Set(['meta', 'br', 'hr', 'img', 'input', 'link']);
const RAW_TEXT = new Set(['style', 'script']);
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

export function parseHtml(html: string): HtmlElement {
  const root: HtmlElement = { tag: '#root', attrs: {}, children: [] };
  const stack: HtmlElement[] = [root];
  let i = 0;
  const fail = (msg: string): never => {
    const line = html.slice(0, i).split('\n').length;
    throw new Error(`line ${line}: ${msg}: ${JSON.stringify(html.slice(i, i + 60))}`);
  };
  while (i < html.length) {
    const top = stack[stack.length - 1]!;
    if (html.startsWith('<!DOCTYPE html>', i)) i += 15;
    else if (html.startsWith('<!--', i)) i = html.indexOf('-->', i) < 0 ? fail('unclosed comment') : html.indexOf('-->', i) + 3;
    else if (html.startsWith('</', i)) {
      const m = /^<\/([a-zA-Z][\w-]*)\s*>/.exec(html.slice(i)) ?? fail('bad end tag');
      if (m[1] !== top.tag) fail(`</${m[1]}> closes <${top.tag}>`);
      stack.pop();
      i += m[0].length;
    } else if (html[i] === '<') {
      const m = /^<([a-zA-Z][\w-]*)((?:\s+[a-zA-Z_:][\w:.-]*="[^"<]*")*)\s*(\/?)>/.exec(html.slice(i)) ?? fail('bad start tag');
      const el: HtmlElement = { tag: m[1]!, attrs: attrsOf(m[2]!, fail), children: [] };
      top.children.push(el);
      i += m[0].length;
      if (RAW_TEXT.has(el.tag)) {
        const end = html.indexOf(`</${el.tag}>`, i);
        if (end < 0) fail(`unclosed <${el.tag}>`);
        el.children.push(html.slice(i, end));
        i = end + el.tag.length + 3;
      } else if (!m[3] && !VOID.has(el.tag)) stack.push(el);
    } else {
      const next = html.indexOf('<', i);
      const raw = html.slice(i, next < 0 ? html.length : next);
      top.children.push(decode(raw, fail));
      i += raw.length;
    }
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1]!.tag}>`);
  return root;
}

function attrsOf(text: string, fail: (m: string) => never): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of text.matchAll(/([a-zA-Z_:][\w:.-]*)="([^"]*)"/g)) {
    if (m[1]! in attrs) fail(`duplicate attribute ${m[1]}`);
    attrs[m[1]!] = decode(m[2]!, fail);
  }
  return attrs;
}

function decode(text: string, fail: (m: string) => never): string {
  if (/&(?!(amp|lt|gt|quot|#39);)/.test(text)) fail('bare & in text');
  if (text.includes('>')) fail('raw > in text');
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ENTITIES[name]!);
}

export function findAll(node: HtmlNode, pred: (el: HtmlElement) => boolean, out: HtmlElement[] = []): HtmlElement[] {
  if (typeof node === 'string') return out;
  if (pred(node)) out.push(node);
  for (const c of node.children) findAll(c, pred, out);
  return out;
}

export function textOf(node: HtmlNode): string {
  return typeof node === 'string' ? node : node.children.map(textOf).join('');
}
