import { parse, type DefaultTreeAdapterMap } from 'parse5';
import type { Finding, PageDefinition } from '../domain';
import {
  PAGE_START,
  declarationOf,
  moduleMatches,
  resourceMatches,
  type Locator,
  type Position
} from './locate';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

// The same rules as the domain's HTML import, so that names here are the names its findings carry.
const IGNORED_INPUT_TYPES = new Set(['submit', 'button', 'reset', 'image']);
const CONTROL_TAGS = new Set(['input', 'select', 'textarea']);
const EMBED_SOURCE: Record<string, string> = { iframe: 'src', embed: 'src', object: 'data' };

interface Resource {
  element: Element;
  url: string | undefined;
  inline: string | undefined;
}

interface HtmlIndex {
  forms: Array<{ id: string; element: Element }>;
  controls: Array<{ element: Element; form: Element | null }>;
  scripts: Resource[];
  embeds: Resource[];
  modules: Array<{ element: Element; id: string; version: string }>;
  links: Array<{ element: Element; href: string }>;
  byId: Map<string, Element>;
  first: Element | undefined;
}

function attr(element: Element, name: string): string | undefined {
  return element.attrs.find((attribute) => attribute.name === name)?.value;
}

function isElement(node: Node): node is Element {
  return 'tagName' in node;
}

function textContent(element: Element): string {
  return element.childNodes
    .map((child) => (child.nodeName === '#text' ? (child as DefaultTreeAdapterMap['textNode']).value : ''))
    .join('');
}

function index(html: string): HtmlIndex {
  const found: HtmlIndex = {
    forms: [],
    controls: [],
    scripts: [],
    embeds: [],
    modules: [],
    links: [],
    byId: new Map(),
    first: undefined
  };
  // A template's content lives outside childNodes in parse5, so it is skipped here as in the import.
  const walk = (node: Node, form: Element | null) => {
    if (!isElement(node)) {
      if ('childNodes' in node) for (const child of node.childNodes) walk(child, form);
      return;
    }
    if (found.first === undefined && node.sourceCodeLocation) found.first = node;
    const tag = node.tagName;
    const id = attr(node, 'id');
    if (id !== undefined && !found.byId.has(id)) found.byId.set(id, node);
    const moduleId = attr(node, 'data-module')?.trim();
    if (moduleId)
      found.modules.push({
        element: node,
        id: moduleId,
        version: attr(node, 'data-module-version')?.trim() || 'unversioned'
      });
    if (tag === 'script') {
      const src = attr(node, 'src')?.trim();
      found.scripts.push({
        element: node,
        url: src || undefined,
        inline: src ? undefined : textContent(node)
      });
      return;
    }
    const embedSource = EMBED_SOURCE[tag];
    if (embedSource !== undefined) {
      const src = attr(node, embedSource)?.trim();
      found.embeds.push({
        element: node,
        url: src || undefined,
        inline: src ? undefined : attr(node, 'srcdoc')
      });
    }
    if (tag === 'form') {
      const domId = attr(node, 'id')?.trim();
      found.forms.push({
        id: domId || attr(node, 'name')?.trim() || `form-${found.forms.length + 1}`,
        element: node
      });
      form = node;
    } else if (CONTROL_TAGS.has(tag)) {
      found.controls.push({ element: node, form });
    } else if (tag === 'a') {
      const href = attr(node, 'href')?.trim();
      if (href) found.links.push({ element: node, href });
    }
    for (const child of node.childNodes) walk(child, form);
  };
  walk(parse(html, { sourceCodeLocationInfo: true }), null);
  return found;
}

/** Field names per form, given exactly as the import gives them (name, else id, else tag-N). */
function controlNames(found: HtmlIndex): Map<Element, Map<string, Element>> {
  const byDomId = new Map<string, Element>();
  for (const { element } of found.forms) {
    const id = attr(element, 'id');
    if (id !== undefined) byDomId.set(id, element);
  }
  const names = new Map<Element, Map<string, Element>>();
  const unnamed = new Map<Element, number>();
  for (const control of found.controls) {
    const owner = attr(control.element, 'form');
    const form = owner !== undefined ? (byDomId.get(owner) ?? null) : control.form;
    if (form === null) continue;
    const tag = control.element.tagName;
    const type = tag === 'input' ? (attr(control.element, 'type') ?? 'text').trim().toLowerCase() : tag;
    if (IGNORED_INPUT_TYPES.has(type)) continue;
    let name = attr(control.element, 'name')?.trim() || attr(control.element, 'id')?.trim();
    if (!name) {
      const count = (unnamed.get(form) ?? 0) + 1;
      unnamed.set(form, count);
      name = `${tag}-${count}`;
    }
    let map = names.get(form);
    if (map === undefined) {
      map = new Map<string, Element>();
      names.set(form, map);
    }
    if (!map.has(name)) map.set(name, control.element);
  }
  return names;
}

function positionOf(element: Element | undefined): Position | undefined {
  const location = element?.sourceCodeLocation;
  return location ? { line: location.startLine, column: location.startCol } : undefined;
}

function attributePosition(element: Element, name: string): Position | undefined {
  const location = element.sourceCodeLocation?.attrs?.[name];
  return location ? { line: location.startLine, column: location.startCol } : undefined;
}

/**
 * Locates findings in an HTML page by parsing it again with source positions: the domain's import keeps
 * no positions (it also serves the Jira panel, where there is no file), so the CLI pays for a second
 * parse only where a line number is wanted.
 */
export function htmlLocator(html: string, definition: PageDefinition): Locator {
  const found = index(html);
  const names = controlNames(found);
  const pageStart = positionOf(found.first) ?? PAGE_START;
  const formElement = (id: string | undefined) =>
    id === undefined ? undefined : found.forms.find((form) => form.id === id)?.element;

  const bySubject = (subject: string, form: Element | undefined): Position | undefined => {
    if (form !== undefined) {
      const control = names.get(form)?.get(subject);
      if (control !== undefined) return positionOf(control);
      const attribute = attributePosition(form, subject);
      if (attribute !== undefined) return attribute;
    }
    for (const map of names.values()) {
      const control = map.get(subject);
      if (control !== undefined) return positionOf(control);
    }
    const module = found.modules.find((item) => moduleMatches(subject, item.id, item.version));
    if (module !== undefined) return positionOf(module.element);
    const resource = [...found.scripts, ...found.embeds].find((item) =>
      resourceMatches(subject, item.url, item.inline)
    );
    if (resource !== undefined) return positionOf(resource.element);
    const link = found.links.find((item) => item.href === subject);
    if (link !== undefined) return positionOf(link.element);
    return positionOf(found.byId.get(subject));
  };

  return (finding: Finding, fallbackForm: string | undefined): Position => {
    const formId = finding.form ?? fallbackForm;
    const form = formElement(formId);
    if (finding.field !== undefined) {
      const position = bySubject(finding.field, formElement(finding.form));
      if (position !== undefined) return position;
    }
    const declaration = declarationOf(finding.code);
    if (declaration !== undefined) {
      const declaring =
        form ?? found.forms.find((item) => attr(item.element, declaration.attribute))?.element;
      const attribute =
        declaring === undefined ? undefined : attributePosition(declaring, declaration.attribute);
      if (attribute !== undefined) return attribute;
      if (declaration.link === true) {
        const url =
          definition.forms.find((item) => item.id === formId)?.privacyNoticeUrl ??
          definition.privacyNoticeUrl;
        const link = url === undefined ? undefined : found.links.find((item) => item.href === url.trim());
        if (link !== undefined) return positionOf(link.element) ?? pageStart;
      }
    }
    return positionOf(form) ?? pageStart;
  };
}
