/**
 * A few lines of DOM building, so that the report needs no framework. Text always goes in through
 * text nodes, never as HTML: everything the report shows (file names, messages, rule ids) comes
 * from the scanned workspace and is untrusted. The `style` attribute is never set either — the
 * page's Content-Security-Policy forbids inline style attributes; layout goes through classes,
 * and the few computed sizes through the CSSOM (`element.style`), which the policy allows.
 */

export type Attributes = Record<string, string | number | boolean | null | undefined>;
export type Child = Node | string | number | null | undefined | false;

const SVG_NS = 'http://www.w3.org/2000/svg';

function apply(element: Element, attributes: Attributes | undefined, children: Child[]): void {
  if (attributes) {
    for (const [name, value] of Object.entries(attributes)) {
      if (value === null || value === undefined || value === false) continue;
      if (name === 'style') throw new Error('inline style attributes are blocked by the Content-Security-Policy');
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

/** An HTML element with attributes and children. */
export function html<K extends keyof HTMLElementTagNameMap>(tag: K, attributes?: Attributes, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  apply(element, attributes, children);
  return element;
}

/** An SVG element with attributes and children. */
export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes?: Attributes, ...children: Child[]): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  apply(element, attributes, children);
  return element;
}

/** Replaces an element's children. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  apply(parent, undefined, children);
}

/** `1234` → `1,234` (the report's numbers are counts). */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** "1 dependency", "2 dependencies". */
export function plural(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}
