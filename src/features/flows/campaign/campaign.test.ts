import { describe, expect, it } from 'vitest';
import { RegularsError } from '../../../platform/errors.js';
import { campaignReason, campaignTiming, parseCampaignSettings, wallClockMs } from './campaign.js';

const newsletter = {
  campaign: {
    subject: 'Spring roasts',
    intro: 'Two new coffees.',
    sections: [{ title: 'Colombia', body: 'Bright.', url: 'https://shop.example/p/col', link_text: 'Read more' }],
  },
};
const dayOf = (ymd: string) => ({
  from: `${ymd}T00:00:00.000Z`,
  to: new Date(Date.parse(`${ymd}T00:00:00Z`) + 86_400_000).toISOString(),
});

function fieldOf(raw: Record<string, unknown>): string | undefined {
  try {
    parseCampaignSettings(raw, 'flows/spring.json');
  } catch (error) {
    expect(error).toBeInstanceOf(RegularsError);
    expect((error as RegularsError).code).toBe('INVALID_FLOW');
    return (error as RegularsError).details.field as string;
  }
  return undefined;
}

describe('campaign settings', () => {
  it('defaults: the newsletter template, every customer, the same instant for all', () => {
    expect(parseCampaignSettings({ sendAt: '2026-03-01T09:00:00+01:00', data: newsletter }, 'f')).toEqual({
      template: 'newsletter',
      sendAt: '2026-03-01T08:00:00.000Z',
      segment: null,
      data: newsletter,
      localTime: false,
    });
  });

  it('requires sendAt with an offset', () => {
    expect(fieldOf({ data: newsletter })).toBe('settings.sendAt');
    expect(fieldOf({ sendAt: '2026-03-01T09:00:00', data: newsletter })).toBe('settings.sendAt');
    expect(fieldOf({ sendAt: '2026-13-01T09:00:00Z', data: newsletter })).toBe('settings.sendAt');
  });

  it("checks the newsletter's data at parse time, field by field", () => {
    const base = { sendAt: '2026-03-01T09:00:00Z' };
    expect(fieldOf({ ...base })).toBe('settings.data.campaign');
    expect(fieldOf({ ...base, data: [] })).toBe('settings.data');
    expect(fieldOf({ ...base, data: { campaign: { ...newsletter.campaign, subject: '' } } })).toBe(
      'settings.data.campaign.subject',
    );
    expect(fieldOf({ ...base, data: { campaign: { ...newsletter.campaign, intro: 3 } } })).toBe(
      'settings.data.campaign.intro',
    );
    expect(fieldOf({ ...base, data: { campaign: { ...newsletter.campaign, sections: {} } } })).toBe(
      'settings.data.campaign.sections',
    );
    expect(
      fieldOf({
        ...base,
        data: { campaign: { ...newsletter.campaign, sections: [{ title: 'T', body: 'B', url: 'https://x.example' }] } },
      }),
    ).toBe('settings.data.campaign.sections[0].link_text');
    expect(
      fieldOf({
        ...base,
        data: {
          campaign: {
            ...newsletter.campaign,
            sections: [{ title: 'T', body: 'B', url: 'javascript:x', link_text: 'x' }],
          },
        },
      }),
    ).toBe('settings.data.campaign.sections[0].url');
    expect(fieldOf({ ...base, data: { campaign: { ...newsletter.campaign, sections: [{ title: 'T' }] } } })).toBe(
      'settings.data.campaign.sections[0].body',
    );
    // Another template's data is its own business (the lint gate renders it).
    expect(fieldOf({ ...base, template: 'spring-sale', data: { anything: 1 } })).toBeUndefined();
    expect(fieldOf({ ...base, data: newsletter, segment: 'bad id!' })).toBe('settings.segment');
    expect(fieldOf({ ...base, data: newsletter, localTime: 'yes' })).toBe('settings.localTime');
    expect(fieldOf({ ...base, data: newsletter, audience: 'vip' })).toBe('settings.audience');
  });
});

describe('campaignTiming', () => {
  it('plans sendAt for everyone in the window that holds it, and nothing elsewhere', () => {
    const s = { sendAt: '2026-03-01T08:00:00.000Z', localTime: false };
    expect(campaignTiming(s, 'Europe/Paris', dayOf('2026-03-01')).sendAtIn('Asia/Tokyo')).toBe(
      '2026-03-01T08:00:00.000Z',
    );
    expect(campaignTiming(s, 'Europe/Paris', dayOf('2026-03-02')).possible).toBe(false);
  });

  it("with localTime, sends at sendAt's wall time (store zone) in each customer's zone, each in one window", () => {
    const s = { sendAt: '2026-03-01T09:00:00+01:00', localTime: true };
    const s0 = parseCampaignSettings({ ...s, data: newsletter }, 'f');
    const zones = ['Europe/Paris', 'Asia/Tokyo', 'America/New_York', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC'];
    const planned = new Map<string, string>();
    for (let d = 0; d < 4; d++) {
      const window = dayOf(new Date(Date.parse('2026-02-27T00:00:00Z') + d * 86_400_000).toISOString().slice(0, 10));
      const timing = campaignTiming(s0, 'Europe/Paris', window);
      for (const zone of zones) {
        const at = timing.sendAtIn(zone);
        if (at !== null) {
          expect(planned.has(zone)).toBe(false);
          planned.set(zone, at);
        }
      }
    }
    expect(Object.fromEntries(planned)).toEqual({
      'Europe/Paris': '2026-03-01T08:00:00.000Z',
      'Asia/Tokyo': '2026-03-01T00:00:00.000Z',
      'America/New_York': '2026-03-01T14:00:00.000Z',
      'Pacific/Kiritimati': '2026-02-28T19:00:00.000Z',
      'Pacific/Pago_Pago': '2026-03-01T20:00:00.000Z',
      UTC: '2026-03-01T09:00:00.000Z',
    });
    expect(campaignTiming(s0, 'Europe/Paris', dayOf('2026-02-26')).possible).toBe(false);
    expect(campaignTiming(s0, 'Europe/Paris', dayOf('2026-03-03')).possible).toBe(false);
  });
});

describe('wallClockMs and campaignReason', () => {
  it("reads the store's calendar day", () => {
    expect(new Date(wallClockMs('2026-02-28T23:30:00Z', 'Europe/Paris')).toISOString()).toBe(
      '2026-03-01T00:30:00.000Z',
    );
    expect(campaignReason('VIP', '2026-02-28T23:30:00.000Z', 'Europe/Paris')).toBe(
      "member of segment 'VIP' when the campaign went out on 2026-03-01",
    );
    expect(campaignReason(null, '2026-02-28T23:30:00.000Z', 'UTC')).toBe(
      'a customer of the store when the campaign went out on 2026-02-28',
    );
  });
});
