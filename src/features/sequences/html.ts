/**
 * Email HTML (S3, S7–S9): sanitising with a report of what was removed, the plain-text alternative,
 * tracked-link rewriting, the open pixel and the unsubscribe footer. Pure functions.
 */
import sanitizeHtml from 'sanitize-html';
import { convert } from 'html-to-text';
import { escapeHtml } from './template';

const ALLOWED_TAGS = [
  'a', 'abbr', 'b', 'blockquote', 'br', 'caption', 'center', 'code', 'col', 'colgroup', 'div', 'em', 'font', 'h1', 'h2', 'h3', 'h4', 'h5',
  'h6', 'hr', 'i', 'img', 'li', 'ol', 'p', 'pre', 's', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'tfoot',
  'th', 'thead', 'tr', 'u', 'ul',
];
const COMMON_ATTRS = ['style', 'class', 'align', 'dir', 'title', 'width', 'height', 'bgcolor', 'valign', 'border', 'cellpadding', 'cellspacing', 'colspan', 'rowspan'];
const ALLOWED_ATTRS: Record<string, string[]> = {
  '*': COMMON_ATTRS,
  a: ['href', 'name', 'target', 'rel'],
  img: ['src', 'alt'],
  font: ['color', 'face', 'size'],
};
const SCHEMES = ['http', 'https', 'mailto', 'tel'];

export type TSanitized = { html: string; /** What was removed, in words ("<script> element", "onclick attribute on <a>"). */ removed: string[] };

const isTemplateUrl = (v: string) => /^\s*\{\{[^}]+\}\}/.test(v);

/** Sanitises user or LLM HTML for an email body and says what it removed. */
export function sanitizeEmailHtml(input: string): TSanitized {
  const removed = new Set<string>();
  const html = sanitizeHtml(input, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: ALLOWED_ATTRS,
    allowedSchemes: SCHEMES,
    allowedSchemesByTag: { img: ['http', 'https', 'data'] },
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    onOpenTag: (name, attribs) => {
      if (!ALLOWED_TAGS.includes(name)) {
        removed.add(['script', 'style', 'iframe', 'object', 'embed', 'form', 'input', 'button', 'textarea', 'select', 'link', 'meta', 'base', 'svg', 'math'].includes(name)
          ? `<${name}> element`
          : `<${name}> tag (its text is kept)`);
      }
      for (const [attr, value] of Object.entries(attribs)) {
        const allowed = (ALLOWED_ATTRS[name] ?? []).includes(attr) || COMMON_ATTRS.includes(attr);
        if (/^on/i.test(attr)) removed.add(`${attr} event handler on <${name}>`);
        else if (!allowed && ALLOWED_TAGS.includes(name)) removed.add(`${attr} attribute on <${name}>`);
        else if ((attr === 'href' || attr === 'src') && !isTemplateUrl(value) && !schemeAllowed(value, name)) {
          removed.add(`${/^\s*javascript:/i.test(value) ? 'javascript:' : 'unsafe'} link in ${attr} of <${name}>`);
        }
        if (attr === 'style' && /expression\s*\(|javascript:|url\s*\(\s*['"]?\s*javascript:/i.test(value)) removed.add(`script in the style of <${name}>`);
      }
    },
    transformTags: {
      a: (tagName, attribs) => ({ tagName, attribs: attribs.target ? { ...attribs, rel: 'noopener noreferrer' } : attribs }),
    },
  });
  return { html, removed: [...removed] };
}

function schemeAllowed(value: string, tag: string): boolean {
  // Browsers ignore control characters and spaces inside a scheme ("java\tscript:"); so does this check.
  const v = [...value.trim()].filter((c) => c.charCodeAt(0) > 0x20).join('');
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(v);
  if (!m) return !v.startsWith('//'); // relative URLs stay; protocol-relative ones are removed
  const scheme = m[1]!.toLowerCase();
  return tag === 'img' ? ['http', 'https', 'data'].includes(scheme) : SCHEMES.includes(scheme);
}

/** The plain-text alternative of an email body. */
export function htmlToPlainText(html: string): string {
  return convert(html, {
    wordwrap: 78,
    selectors: [
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true, linkBrackets: ['<', '>'] } },
      { selector: 'img', format: 'skip' },
    ],
  }).trim();
}

/** Text that came from a template (plain) as safe paragraphs of HTML. */
export function textToHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

const decodeAttr = (s: string) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');

/**
 * Replaces the href of every http(s) link with `wrap(url, index)`; links the callback returns
 * undefined for (unsubscribe links, too-long URLs) keep their target. Sanitised HTML quotes attributes
 * with double quotes, which this relies on.
 */
export function rewriteLinks(html: string, wrap: (url: string, index: number) => string | undefined): string {
  let index = 0;
  return html.replace(/<a\b([^>]*?)\shref="([^"]*)"/gi, (whole, before: string, href: string) => {
    const url = decodeAttr(href);
    if (!/^https?:\/\//i.test(url)) return whole;
    const wrapped = wrap(url, index++);
    return wrapped === undefined ? whole : `<a${before} href="${escapeHtml(wrapped)}"`;
  });
}

/** Appends the open pixel at the end of the body. */
export function appendPixel(html: string, pixelUrl: string): string {
  const img = `<img src="${escapeHtml(pixelUrl)}" width="1" height="1" alt="" style="display:block;width:1px;height:1px;border:0" />`;
  return html.includes('</body>') ? html.replace('</body>', `${img}</body>`) : `${html}${img}`;
}

export type TFooter = { orgName: string; postalAddress: string | null; unsubscribeUrl: string };

/** The compliance footer (S9): the sender's organization, its postal address and an unsubscribe link. */
export function footerHtml(f: TFooter): string {
  const who = [f.orgName, f.postalAddress].filter(Boolean).map((s) => escapeHtml(s!)).join(' · ');
  return `<div style="margin-top:24px;font-size:12px;color:#6b7280">${who ? `${who}<br>` : ''}`
    + `Don't want these emails? <a href="${escapeHtml(f.unsubscribeUrl)}">Unsubscribe</a>.</div>`;
}

export function footerText(f: TFooter): string {
  const who = [f.orgName, f.postalAddress].filter(Boolean).join(', ');
  return `\n\n--\n${who ? `${who}\n` : ''}Unsubscribe: ${f.unsubscribeUrl}`;
}

export function appendFooter(html: string, f: TFooter): string {
  const foot = footerHtml(f);
  return html.includes('</body>') ? html.replace('</body>', `${foot}</body>`) : `${html}${foot}`;
}
