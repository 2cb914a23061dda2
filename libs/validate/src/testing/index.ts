// Test helpers (`@rustybt/validate/testing`): a strict HTML reader for checking reports by parsing them.
export { parseHtml, findAll, textOf, type HtmlElement, type HtmlNode } from './html-tree';
