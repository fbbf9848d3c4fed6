import { describe, expect, it } from 'vitest';
import { classifyHit } from '../../../src/features/sequences/bots';
import { fillSeries, formatRate, rates, ratio, emptyCounts, addCounts } from '../../../src/features/sequences/metrics-math';
import { health, pauseDecision } from '../../../src/features/mailboxes/pacing';
import { readSettings, stopsCompany, stopsEnrollment, transitionProblem, windowOf, zoneFor, ZCampaignSettings, CAMPAIGN_TRANSITIONS } from '../../../src/features/sequences/settings';
import { explainWaiting, type TExplainInput } from '../../../src/features/sequences/waiting';

const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36';
const APPLE_MAIL = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)';
const OUTLOOK = 'Mozilla/4.0 (compatible; ms-office-viewer; Microsoft Outlook 16.0.17029; Windows NT 10.0)';
const at = new Date('2026-06-10T12:00:00Z');
const sentAt = new Date('2026-06-10T11:00:00Z');

describe('bot and proxy hits', () => {
  it.each([
    ['open', 'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)', '66.249.84.1', 'Gmail image proxy'],
    ['open', 'YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html', '1.2.3.4', 'Yahoo mail proxy'],
    ['open', 'Mozilla/5.0', '8.8.8.8', 'Apple Mail Privacy Protection'],
    ['open', APPLE_MAIL, '17.58.0.10', 'Apple Mail Privacy Protection'],
    ['click', 'Mozilla/5.0 (compatible; Barracuda Sentinel)', '1.2.3.4', 'Barracuda scanner'],
    ['click', 'Mimecast-URL-Protect/1.0', '1.2.3.4', 'Mimecast scanner'],
    ['click', 'Mozilla/5.0 urldefense.proofpoint.com', '1.2.3.4', 'Proofpoint scanner'],
    ['click', 'Microsoft Defender SafeLinks', '1.2.3.4', 'Microsoft link protection'],
    ['click', CHROME, '40.93.1.1', 'mail provider proxy network'],
    ['click', 'Mozilla/5.0 HeadlessChrome/120.0', '1.2.3.4', 'headless browser'],
    ['click', 'python-requests/2.31', '1.2.3.4', 'scripted client'],
    ['click', 'curl/8.1', '1.2.3.4', 'scripted client'],
    ['click', 'Slackbot-LinkExpanding 1.0', '1.2.3.4', 'link preview'],
    ['click', 'Mozilla/5.0 (compatible; SomeCrawler/1.0; +http://x)', '1.2.3.4', 'bot user agent'],
    ['click', '', '1.2.3.4', 'no user agent'],
  ] as const)('%s by "%s" from %s → %s', (kind, userAgent, ip, reason) => {
    expect(classifyHit({ kind, userAgent, ip, at, sentAt })).toEqual({ isBot: true, reason });
  });

  it('flags HEAD requests and hits faster than a person', () => {
    expect(classifyHit({ kind: 'click', method: 'HEAD', userAgent: CHROME, ip: '1.2.3.4', at })).toEqual({ isBot: true, reason: 'HEAD request' });
    expect(classifyHit({ kind: 'open', userAgent: CHROME, ip: '1.2.3.4', at, sentAt: new Date(at.getTime() - 1500) }).reason).toBe('opened within 2 s of sending');
    expect(classifyHit({ kind: 'click', userAgent: CHROME, ip: '1.2.3.4', at, sentAt: new Date(at.getTime() - 9000) }).reason).toBe('clicked within 10 s of sending');
  });

  it('counts people: desktop and web mail clients, Outlook, Apple Mail opened by a person', () => {
    for (const ua of [CHROME, APPLE_MAIL, OUTLOOK]) {
      expect(classifyHit({ kind: 'open', userAgent: ua, ip: '81.2.69.160', at, sentAt }), ua).toEqual({ isBot: false });
      expect(classifyHit({ kind: 'click', userAgent: ua, ip: '::ffff:81.2.69.160', at, sentAt }), ua).toEqual({ isBot: false });
    }
  });
});

describe('metrics arithmetic', () => {
  it('never divides by zero', () => {
    expect(ratio(0, 0)).toBeNull();
    expect(rates(emptyCounts())).toEqual({
      delivered: 0, deliveryRate: null, openRate: null, clickRate: null, clickToOpenRate: null, replyRate: null, bounceRate: null, unsubscribeRate: null, complaintRate: null,
    });
    expect(formatRate(null)).toBe('—');
  });

  it('computes rates on delivered mail', () => {
    const r = rates({ ...emptyCounts(), sent: 200, bounced: 10, opened: 95, clicked: 19, replied: 38, unsubscribed: 2, botOpens: 40 });
    expect(r.delivered).toBe(190);
    expect(r.deliveryRate).toBe(0.95);
    expect(r.openRate).toBe(0.5);
    expect(r.clickRate).toBe(0.1);
    expect(r.clickToOpenRate).toBe(0.2);
    expect(r.replyRate).toBe(0.2);
    expect(r.bounceRate).toBe(0.05);
    expect(formatRate(r.openRate)).toBe('50.0 %');
    expect(addCounts(emptyCounts(), { sent: 2, opened: 1 })).toMatchObject({ sent: 2, opened: 1, clicked: 0 });
  });

  it('fills quiet days of a series with zeros', () => {
    const s = fillSeries([{ date: '2026-06-02', n: 3 }], '2026-06-01', '2026-06-03', (date) => ({ date, n: 0 }));
    expect(s).toEqual([{ date: '2026-06-01', n: 0 }, { date: '2026-06-02', n: 3 }, { date: '2026-06-03', n: 0 }]);
  });

  it('pauses a mailbox at ≥ 5 % bounces over ≥ 50 sends, not before', () => {
    const rule = { bounceThreshold: 0.05, complaintThreshold: 0.003, minSample: 50 };
    expect(pauseDecision(health(49, 10, 0), rule)).toEqual({ pause: false });
    expect(pauseDecision(health(60, 2, 0), rule)).toEqual({ pause: false });
    expect(pauseDecision(health(60, 3, 0), rule)).toEqual({ pause: true, reason: 'bounce_rate', rate: 0.05, threshold: 0.05 });
    expect(pauseDecision(health(1000, 0, 3), rule)).toMatchObject({ pause: true, reason: 'complaint_rate' });
  });
});

describe('campaign settings, lifecycle and stop rules', () => {
  it('fills defaults and validates the window', () => {
    const s = ZCampaignSettings.parse({});
    expect(s).toMatchObject({ windowStart: '09:00', windowEnd: '17:00', days: [1, 2, 3, 4, 5], timezoneRule: 'lead', approvalMode: 'auto', unsubscribeFooter: true, stopOnUnsubscribe: true });
    expect(ZCampaignSettings.safeParse({ windowStart: '18:00', windowEnd: '09:00' }).success).toBe(false);
    expect(ZCampaignSettings.safeParse({ days: [6, 7], skipWeekends: true }).success).toBe(false);
    expect(ZCampaignSettings.safeParse({ timezone: 'Mars/Base' }).success).toBe(false);
    expect(ZCampaignSettings.safeParse({ stopOnUnsubscribe: false }).success).toBe(false);
    expect(windowOf({ ...s, days: [1, 2, 6, 7], skipWeekends: true }).days).toEqual([1, 2]);
    expect(readSettings({ windowStart: 'bad' }, { timezone: 'Europe/Paris' }).timezone).toBe('Europe/Paris');
  });

  it("uses the lead's timezone when known and the rule allows it", () => {
    const s = ZCampaignSettings.parse({ timezone: 'Europe/London' });
    expect(zoneFor(s, 'Asia/Kathmandu')).toBe('Asia/Kathmandu');
    expect(zoneFor(s, null)).toBe('Europe/London');
    expect(zoneFor(s, 'Not/AZone')).toBe('Europe/London');
    expect(zoneFor({ ...s, timezoneRule: 'campaign' }, 'Asia/Kathmandu')).toBe('Europe/London');
  });

  it('allows only the lifecycle draft → active → paused → completed → archived', () => {
    expect(transitionProblem('draft', 'active')).toBeUndefined();
    expect(transitionProblem('active', 'paused')).toBeUndefined();
    expect(transitionProblem('paused', 'active')).toBeUndefined();
    expect(transitionProblem('active', 'completed')).toBeUndefined();
    expect(transitionProblem('completed', 'archived')).toBeUndefined();
    expect(transitionProblem('draft', 'completed')).toMatch(/cannot become completed/);
    expect(transitionProblem('archived', 'active')).toBe('A archived campaign cannot become active.');
    expect(transitionProblem('active', 'active')).toMatch(/already active/);
    expect(Object.keys(CAMPAIGN_TRANSITIONS)).toHaveLength(5);
  });

  it('stops on what the campaign says, and always on unsubscribe', () => {
    const s = ZCampaignSettings.parse({ stopOnReply: false, stopOnBounce: true, stopOnMeetingBooked: false });
    expect(stopsEnrollment('reply', s)).toBe(false);
    expect(stopsEnrollment('bounce', s)).toBe(true);
    expect(stopsEnrollment('meeting_booked', s)).toBe(false);
    expect(stopsEnrollment('unsubscribe', s)).toBe(true);
    expect(stopsEnrollment('manual', s)).toBe(true);
    expect(stopsCompany('reply', { stopCompanyOnReply: true })).toBe(true);
    expect(stopsCompany('bounce', { stopCompanyOnReply: true })).toBe(false);
    expect(stopsCompany('bounce', { stopCompanyOnReply: false }, true)).toBe(true);
  });
});

describe('why nothing is going out', () => {
  const input = (over: Partial<TExplainInput> = {}, enr: Partial<TExplainInput['enrollment']> = {}): TExplainInput => ({
    now: at,
    enrollment: { status: 'active', stopReason: null, waitingReason: 'scheduled', waitingDetail: {}, nextStepAt: null, ...enr },
    campaignStatus: 'active', mailbox: { email: 'sam@x.io', status: 'active', pausedReason: null, pausedDetail: {} },
    message: null, leadSuppressed: false, leadTimezone: 'America/New_York', viewerTimezone: 'Europe/London', ...over,
  });

  it('shows the next send time in the lead’s and the viewer’s time', () => {
    const e = explainWaiting(input({ message: { status: 'scheduled', scheduledFor: new Date('2026-06-11T13:00:00Z'), lastError: null, problems: [] } }, { waitingReason: 'outside_window', waitingDetail: { window: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] } } }));
    expect(e.reason).toBe('outside_window');
    expect(e.nextAtLead).toBe('Thu 11 Jun, 09:00 (America/New_York)');
    expect(e.nextAtViewer).toBe('Thu 11 Jun, 14:00 (Europe/London)');
    expect(e.message).toContain('09:00–17:00, Mon, Tue, Wed, Thu, Fri, in America/New_York');
  });

  it.each([
    [{ campaignStatus: 'paused' as const }, {}, 'campaign_paused'],
    [{ campaignStatus: 'draft' as const }, {}, 'campaign_draft'],
    [{}, { status: 'paused' as const }, 'enrollment_paused'],
    [{ leadSuppressed: true }, {}, 'suppressed'],
    [{ mailbox: { email: 'sam@x.io', status: 'paused' as const, pausedReason: 'bounce_rate' as const, pausedDetail: { rate: 0.061, windowDays: 7, bounced: 4, sent: 66, threshold: 0.05 } } }, {}, 'mailbox_paused'],
    [{}, { waitingReason: 'daily_cap_reached' as const, waitingDetail: { cap: 50 } }, 'daily_cap_reached'],
    [{}, { waitingReason: 'approval_pending' as const }, 'approval_pending'],
    [{ message: { status: 'blocked', scheduledFor: null, lastError: null, problems: [{ message: '{{first_name}}: this lead has no first name' }] } }, { waitingReason: 'missing_variable' as const }, 'missing_variable'],
    [{}, { waitingReason: 'waiting_for_delay' as const, nextStepAt: new Date('2026-06-12T00:00:00Z') }, 'waiting_for_delay'],
    [{}, { waitingReason: 'uncertain_review' as const }, 'uncertain_review'],
    [{}, { status: 'stopped' as const, stopReason: 'reply' as const }, 'stopped'],
    [{}, { status: 'completed' as const }, 'completed'],
  ])('%o %o → %s', (over, enr, reason) => {
    const e = explainWaiting(input(over, enr));
    expect(e.reason).toBe(reason);
    expect(e.message.length).toBeGreaterThan(10);
  });

  it('says why a mailbox paused itself, with the numbers', () => {
    const e = explainWaiting(input({ mailbox: { email: 'sam@x.io', status: 'paused', pausedReason: 'bounce_rate', pausedDetail: { rate: 0.061, windowDays: 7, bounced: 4, sent: 66, threshold: 0.05 } } }));
    expect(e.message).toBe('The mailbox sam@x.io is paused automatically: bounce rate 6.1 % over the last 7 days (4 of 66 sends; limit 5.0 %).');
    const m = explainWaiting(input({ message: { status: 'blocked', scheduledFor: null, lastError: null, problems: [{ message: '{{first_name}}: this lead has no first name' }] } }, { waitingReason: 'missing_variable' }));
    expect(m.message).toContain('{{first_name}}: this lead has no first name');
  });
});
