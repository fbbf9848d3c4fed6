import { describe, expect, it } from 'vitest';
import { checkStepsContent, chooseVariant, composeEmail, composeText, replySubject } from '../../../src/features/sequences/compose';
import { appendFooter, appendPixel, htmlToPlainText, rewriteLinks, sanitizeEmailHtml, textToHtml } from '../../../src/features/sequences/html';
import { ZSteps, type TEmailStep, type TStep } from '../../../src/features/sequences/steps';
import type { TVariableSource } from '../../../src/features/sequences/variables';
import { missingReason, resolverFor, variableCatalog } from '../../../src/features/sequences/variables';

const source: TVariableSource = {
  lead: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.io', title: 'CTO', customFields: { pain_point: 'slow reports', score: 7 } },
  company: { name: 'Acme', domain: 'acme.io', industry: 'SaaS', sizeRange: '51-200', customFields: { region: 'EMEA' } },
  sender: { name: 'Sam Seller', email: 'sam@leadpilot.test' },
  org: { name: 'LeadPilot', companyName: 'LeadPilot Inc.' },
};

const step = (over: Partial<TEmailStep> = {}): TEmailStep => ({
  id: 's1', type: 'email', thread: false,
  variants: [{ key: 'A', weight: 100, subject: '{Hi|Hello} {{first_name}}', html: '<p>About {{pain_point}} at {{company}}.</p><p>{{sender_name}}</p>' }],
  ...over,
});

describe('variables', () => {
  it('resolves standard, aliased and custom variables', () => {
    const r = resolverFor(source);
    expect(r('first_name')).toBe('Ada');
    expect(r('job_title')).toBe('CTO');
    expect(r('company_name')).toBe('Acme');
    expect(r('company_size')).toBe('51-200');
    expect(r('sender_first_name')).toBe('Sam');
    expect(r('my_company')).toBe('LeadPilot Inc.');
    expect(r('pain_point')).toBe('slow reports');
    expect(r('custom.pain_point')).toBe('slow reports');
    expect(r('score')).toBe('7');
    expect(r('region')).toBe('EMEA'); // a company custom field
    expect(r('company.custom.region')).toBe('EMEA');
    expect(r('nope')).toBeUndefined();
    expect(r('company_domain')).toBe('acme.io');
  });

  it('explains a missing value in words', () => {
    expect(missingReason('first_name')).toMatch(/this lead has no first name.*\{\{first_name\|…\}\}/);
    expect(missingReason('pain_point')).toMatch(/no custom field "pain_point"/);
    expect(missingReason('sender_name')).toMatch(/sending mailbox has no name/);
    expect(variableCatalog().map((v) => v.name)).toContain('first_name');
  });
});

describe('composing an email for a lead', () => {
  it('renders subject, HTML and a plain-text part', () => {
    const r = composeEmail({ step: step(), source, seed: 'e1:s1' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.subject).toMatch(/^(Hi|Hello) Ada$/);
    expect(r.html).toBe('<p>About slow reports at Acme.</p><p>Sam Seller</p>');
    expect(r.text).toBe('About slow reports at Acme.\n\nSam Seller');
    expect(r.variant).toBe('A');
    // the same seed gives the same email
    expect(composeEmail({ step: step(), source, seed: 'e1:s1' })).toEqual(r);
  });

  it('blocks an email whose variable cannot be filled, saying which and why', () => {
    const r = composeEmail({ step: step(), source: { ...source, lead: { ...source.lead, firstName: null, customFields: {} } }, seed: 'x' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.variable)).toEqual(['first_name', 'pain_point']);
    expect(r.problems[0]!.message).toMatch(/no first name/);
  });

  it('replies in the thread with "Re: <first subject>" and ignores its own subject', () => {
    const r = composeEmail({ step: step({ thread: true, variants: [{ key: 'A', weight: 1, subject: '{{missing}}', html: '<p>Bump</p>' }] }), source, seed: 'x', thread: { rootSubject: 'Re: RE: Quick question' } });
    expect(r.ok && r.subject).toBe('Re: Quick question');
    expect(replySubject('Fwd: Aw: hello')).toBe('Re: hello');
  });

  it('uses the given plain text when the variant has one', () => {
    const r = composeEmail({ step: step({ variants: [{ key: 'A', weight: 1, subject: 'S', html: '<p>H</p>', text: 'Plain {{first_name}}' }] }), source, seed: 'x' });
    expect(r.ok && r.text).toBe('Plain Ada');
  });

  it('neutralises a value that would be unsafe where it is placed', () => {
    const evil = { ...source, lead: { ...source.lead, website: 'javascript:alert(1)', firstName: '<img src=x onerror=alert(1)>' } };
    const r = composeEmail({ step: step({ variants: [{ key: 'A', weight: 1, subject: 'S', html: '<p>{{first_name}} <a href="{{website}}">site</a></p>' }] }), source: evil, seed: 'x' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.html).not.toMatch(/javascript:|<img/);
    expect(r.html).toContain('&lt;img');
  });

  it('renders task titles and WhatsApp bodies too', () => {
    expect(composeText('Call {{first_name}} at {{company}}', source, 'x')).toEqual({ text: 'Call Ada at Acme', problems: [] });
    expect(composeText('Call {{nobody}}', source, 'x').problems[0]).toMatchObject({ code: 'missing_variable', variable: 'nobody' });
  });
});

describe('A/B variants', () => {
  const variants = [
    { key: 'A', weight: 70, subject: 'a', html: 'a' },
    { key: 'B', weight: 30, subject: 'b', html: 'b' },
    { key: 'C', weight: 0, subject: 'c', html: 'c' },
  ];
  it('splits by weight, never picks a zero weight, and sticks per seed', () => {
    const n: Record<string, number> = { A: 0, B: 0, C: 0 };
    for (let i = 0; i < 5000; i++) n[chooseVariant(variants, `enrollment-${i}:s1`).key]!++;
    expect(n.C).toBe(0);
    expect(n.A! / 5000).toBeGreaterThan(0.66);
    expect(n.A! / 5000).toBeLessThan(0.74);
    expect(chooseVariant(variants, 'e:s1').key).toBe(chooseVariant(variants, 'e:s1').key);
  });
});

describe('checking steps before they are saved', () => {
  const steps = (s: unknown[]) => ZSteps.parse(s) as TStep[];

  it('sanitises HTML and tells what it removed', () => {
    const r = checkStepsContent(steps([{ id: 's1', type: 'email', variants: [{ key: 'A', subject: 'Hi', html: '<p onclick="steal()">Hi</p><script>alert(1)</script><a href="javascript:alert(1)">x</a><iframe src="https://x"></iframe>' }] }]));
    const html = (r.steps[0] as TEmailStep).variants[0]!.html;
    expect(html).toBe('<p>Hi</p><a>x</a>');
    expect(r.removed[0]!.items).toEqual(expect.arrayContaining(['onclick event handler on <p>', '<script> element', 'javascript: link in href of <a>', '<iframe> element']));
    expect(r.problems.find((p) => p.code === 'unsafe_html')?.severity).toBe('warning');
  });

  it('reports broken variables and unbalanced spintax as errors with the field', () => {
    const r = checkStepsContent(steps([{ id: 's1', type: 'email', variants: [{ key: 'A', subject: '{Hi|Hello {{first_name}}', html: '<p>{{company</p>' }] }]));
    expect(r.problems.filter((p) => p.severity === 'error').map((p) => [p.path, p.code])).toEqual([
      ['0.variants.0.subject', 'unclosed_spintax'],
      ['0.variants.0.html', 'unclosed_variable'],
    ]);
  });

  it('warns about custom fields without a fallback', () => {
    const r = checkStepsContent(steps([{ id: 's1', type: 'email', variants: [{ key: 'A', subject: 'Hi', html: '<p>{{pain_point}} {{industry}} {{region|x}}</p>' }] }]));
    expect(r.problems).toEqual([expect.objectContaining({ code: 'custom_field', severity: 'warning', message: expect.stringContaining('"pain_point"') })]);
  });

  it('refuses webhook steps that point at private or metadata addresses', () => {
    for (const url of ['http://169.254.169.254/latest/meta-data', 'http://127.0.0.1:8080/', 'http://localhost/x', 'http://[::ffff:10.0.0.1]/', 'http://metadata.google.internal/']) {
      const r = checkStepsContent(steps([{ id: 'w', type: 'webhook', url }]));
      expect(r.problems.map((p) => p.code), url).toEqual(['private_url']);
    }
    expect(checkStepsContent(steps([{ id: 'w', type: 'webhook', url: 'https://hooks.example.com/x' }])).problems).toEqual([]);
  });
});

describe('the step model', () => {
  const issues = (s: unknown) => {
    const r = ZSteps.safeParse(s);
    return r.success ? [] : r.error.issues.map((i) => i.message);
  };
  it('accepts every step type, WhatsApp and SMS included', () => {
    expect(issues([
      { id: 's1', type: 'email', variants: [{ key: 'A', subject: 'Hi', html: '<p>x</p>' }] },
      { id: 'w1', type: 'wait', days: 2 },
      { id: 't1', type: 'task', title: 'Call' },
      { id: 'c1', type: 'conditional', condition: 'opened', withinDays: 3, onTrue: 'wa', onFalse: 'end' },
      { id: 'h1', type: 'webhook', url: 'https://example.com/hook' },
      { id: 'wa', type: 'whatsapp', body: 'Hi {{first_name}}' },
      { id: 'sm', type: 'sms', body: 'Hi' },
    ])).toEqual([]);
  });
  it('refuses duplicate ids, backward jumps, conditions without an email, empty waits and first-email threads', () => {
    expect(issues([{ id: 'a', type: 'wait', days: 1 }, { id: 'a', type: 'wait', days: 1 }])).toEqual(['Step id "a" is used twice.']);
    expect(issues([
      { id: 's1', type: 'email', variants: [{ key: 'A', subject: 'Hi', html: 'x' }] },
      { id: 'c1', type: 'conditional', condition: 'opened', withinDays: 3, onTrue: 's1' },
    ])).toEqual(['A condition can only jump forward (to a later step).']);
    expect(issues([{ id: 'c1', type: 'conditional', condition: 'opened', withinDays: 3 }])).toEqual(['A condition looks at an earlier email step; there is none.']);
    expect(issues([{ id: 'w', type: 'wait' }])).toEqual(['A wait needs at least one hour.']);
    expect(issues([{ id: 's1', type: 'email', thread: true, variants: [{ key: 'A', subject: '', html: 'x' }] }])).toContain('The first email cannot reply in a thread: there is no earlier email.');
    expect(issues([{ id: 's1', type: 'email', variants: [{ key: 'A', subject: ' ', html: 'x' }] }])).toEqual(['An email that starts a thread needs a subject.']);
    expect(issues([{ id: 'h', type: 'webhook', url: 'ftp://x.com/' }])).toEqual(['A webhook URL must start with http:// or https://']);
    expect(issues([])).toEqual(['A sequence needs at least one step.']);
  });
});

describe('email HTML', () => {
  it('keeps ordinary email HTML as it is', () => {
    const html = '<table><tr><td style="color:#333">Hi <b>there</b> <a href="https://x.com/?a=1&amp;b=2">link</a> <img src="https://x.com/i.png" alt="" /></td></tr></table>';
    expect(sanitizeEmailHtml(html)).toEqual({ html, removed: [] });
  });

  it('rewrites http(s) links only, and keeps the ones the callback skips', () => {
    const html = '<p><a href="https://a.com/?x=1&amp;y=2">a</a> <a href="mailto:x@y.z">m</a> <a class="c" href="http://b.com">b</a></p>';
    const seen: string[] = [];
    const out = rewriteLinks(html, (url, i) => {
      seen.push(`${i}:${url}`);
      return url.includes('b.com') ? undefined : `https://t.test/c/${i}?u=${encodeURIComponent(url)}`;
    });
    expect(seen).toEqual(['0:https://a.com/?x=1&y=2', '1:http://b.com']);
    expect(out).toContain('href="https://t.test/c/0?u=https%3A%2F%2Fa.com%2F%3Fx%3D1%26y%3D2"');
    expect(out).toContain('<a class="c" href="http://b.com">');
    expect(out).toContain('href="mailto:x@y.z"');
  });

  it('adds the pixel and the footer, and makes plain text', () => {
    const withPixel = appendPixel('<p>x</p>', 'https://t.test/t/o/tok');
    expect(withPixel).toBe('<p>x</p><img src="https://t.test/t/o/tok" width="1" height="1" alt="" style="display:block;width:1px;height:1px;border:0" />');
    const foot = appendFooter('<p>x</p>', { orgName: 'Acme <Ltd>', postalAddress: '1 Main St', unsubscribeUrl: 'https://t.test/u/abc' });
    expect(foot).toContain('Acme &lt;Ltd&gt; · 1 Main St');
    expect(foot).toContain('<a href="https://t.test/u/abc">Unsubscribe</a>');
    expect(htmlToPlainText('<p>Hi <a href="https://x.com">site</a></p><p>Bye</p>')).toBe('Hi site <https://x.com>\n\nBye');
    expect(textToHtml('a <b>\nc\n\nd')).toBe('<p>a &lt;b&gt;<br>c</p><p>d</p>');
  });
});
