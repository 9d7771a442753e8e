/**
 * The Regulars loyalty widget (docs/shopper.md "The widget"): one script tag on a shop's pages,
 *
 *   <script src="https://regulars.example/widget.js" data-store="sto_..." data-token="..."></script>
 *
 * adds a launcher button and a panel in a shadow root: the shopper's points, tier, rewards (redeem
 * and copy the code), ways to earn, referral link, challenges and membership; without a token, the
 * program explained and where to join. The API is the script's own origin. No framework, no
 * third-party script, every text set with textContent (nothing from an answer becomes HTML).
 */
import { ApiError, call, idempotencyKey, type Me, type Program, type Redeemed, type Reward, type Rewards } from './api';
import { fill, type Locale, MESSAGES, type Messages, pickLocale, plural } from './i18n';
import { STYLES } from './styles';

interface Colors {
  primary: string;
  onPrimary: string;
  background: string;
  text: string;
  muted: string;
  focus: string;
}

type TextKey = 'title' | 'launcher' | 'join' | 'joinText';

export interface WidgetConfig {
  store: string;
  token: string | null;
  locale: string | null;
  position: 'left' | 'right';
  colors: Partial<Colors>;
  texts: Partial<Record<TextKey, string>>;
}

const DEFAULT_COLORS: Colors = {
  primary: '#1d4ed8',
  onPrimary: '#ffffff',
  background: '#ffffff',
  text: '#1f2328',
  muted: '#555b63',
  focus: '#b45309',
};

const TOKEN_EXPIRED_EVENT = 'regulars:token-expired';

type State =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'error'; code: string }
  | { kind: 'expired' }
  | { kind: 'ready'; program: Program | null; me: Me | null; rewards: Rewards | null };

interface Coupon {
  code: string;
  reward: string;
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | undefined> = {},
  ...children: (Node | string | null | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

function findScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement && current.dataset.store !== undefined) return current;
  return document.querySelector<HTMLScriptElement>('script[data-store][src*="widget.js"]');
}

function configFrom(script: HTMLScriptElement | null): WidgetConfig {
  const data = script?.dataset ?? {};
  const colors: Partial<Colors> = {};
  const texts: Partial<Record<TextKey, string>> = {};
  for (const key of Object.keys(DEFAULT_COLORS) as (keyof Colors)[]) {
    const value = data[`color${key[0].toUpperCase()}${key.slice(1)}`];
    if (value) colors[key] = value;
  }
  for (const key of ['title', 'launcher', 'join', 'joinText'] as TextKey[]) {
    const value = data[`text${key[0].toUpperCase()}${key.slice(1)}`];
    if (value) texts[key] = value;
  }
  return {
    store: data.store ?? '',
    token: data.token ? data.token : null,
    locale: data.locale ?? null,
    position: data.position === 'left' ? 'left' : 'right',
    colors,
    texts,
  };
}

/** A colour a page passes in, kept only when the browser reads it as one (no CSS injection). */
function safeColor(value: string | undefined, fallback: string): string {
  if (value === undefined || !CSS.supports('color', value)) return fallback;
  return value;
}

class Widget {
  private readonly host: HTMLElement;
  private readonly shadow: ShadowRoot;
  private readonly theme = document.createElement('style');
  private readonly root = el('div', { class: 'root' });
  private readonly launcher: HTMLButtonElement;
  private readonly launcherText = el('span');
  private readonly panel: HTMLDivElement;
  private readonly heading = el('h2', { id: 'rw-title', tabindex: '-1' });
  private readonly closeButton: HTMLButtonElement;
  private readonly body = el('div', { class: 'body' });
  private readonly live = el('div', { class: 'sr-only', role: 'status', 'aria-live': 'polite' });
  private state: State = { kind: 'idle' };
  private coupon: Coupon | null = null;
  private redeeming: string | null = null;
  private notice: string | null = null;

  constructor(
    private config: WidgetConfig,
    private readonly script: HTMLScriptElement | null,
    private readonly apiBase: string,
  ) {
    this.host = document.createElement('regulars-widget');
    this.shadow = this.host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = STYLES;
    this.launcher = el(
      'button',
      { type: 'button', class: 'launcher', 'aria-expanded': 'false', 'aria-controls': 'rw-panel' },
      this.star(),
      this.launcherText,
    );
    this.closeButton = el('button', { type: 'button', class: 'close' });
    this.panel = el(
      'div',
      {
        id: 'rw-panel',
        class: 'panel',
        role: 'dialog',
        'aria-modal': 'false',
        'aria-labelledby': 'rw-title',
        hidden: true,
      },
      el('header', {}, this.heading, this.closeButton),
      this.body,
    );
    this.root.append(this.launcher, this.panel, this.live);
    this.shadow.append(style, this.theme, this.root);
    this.launcher.addEventListener('click', () => (this.isOpen() ? this.close() : this.open()));
    this.closeButton.addEventListener('click', () => this.close());
    this.root.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.isOpen()) {
        event.stopPropagation();
        this.close();
      }
    });
    // A single-page shop that switches language changes <html lang>: the widget follows.
    new MutationObserver(() => this.render()).observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['lang'],
    });
    this.render();
    (document.body ?? document.documentElement).append(this.host);
  }

  private star(): SVGSVGElement {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
    path.setAttribute('d', 'M12 2l3 6.9 7.5.7-5.7 5 1.7 7.4L12 18.1 5.5 22l1.7-7.4-5.7-5 7.5-.7z');
    svg.append(path);
    return svg;
  }

  get locale(): Locale {
    return pickLocale(this.config.locale, document.documentElement.lang);
  }

  private get m(): Messages {
    return MESSAGES[this.locale];
  }

  isOpen(): boolean {
    return !this.panel.hidden;
  }

  open(): void {
    this.panel.hidden = false;
    this.launcher.setAttribute('aria-expanded', 'true');
    this.heading.focus();
    if (this.state.kind === 'idle' || this.state.kind === 'error') void this.load();
  }

  close(): void {
    this.panel.hidden = true;
    this.launcher.setAttribute('aria-expanded', 'false');
    this.launcher.focus();
  }

  configure(changes: Partial<WidgetConfig>): void {
    const reload = changes.store !== undefined && changes.store !== this.config.store;
    this.config = {
      ...this.config,
      ...changes,
      colors: { ...this.config.colors, ...changes.colors },
      texts: { ...this.config.texts, ...changes.texts },
    };
    if (changes.token !== undefined) this.setToken(changes.token);
    else if (reload) this.reset();
    this.render();
  }

  setToken(token: string | null): void {
    this.config = { ...this.config, token: token === '' ? null : token };
    this.reset();
  }

  private reset(): void {
    this.coupon = null;
    this.notice = null;
    this.state = { kind: 'idle' };
    if (this.isOpen()) void this.load();
    else this.render();
  }

  private announce(text: string): void {
    // Emptied first, so the same words said twice are announced twice.
    this.live.textContent = '';
    window.setTimeout(() => (this.live.textContent = text), 50);
  }

  private fire(name: string, detail: Record<string, unknown>): void {
    const target: EventTarget = this.script?.isConnected ? this.script : document;
    target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true }));
  }

  private failed(error: unknown): void {
    const code = error instanceof ApiError ? error.code : 'NETWORK';
    if (code === 'SHOPPER_TOKEN_EXPIRED') {
      this.state = { kind: 'expired' };
      this.fire(TOKEN_EXPIRED_EVENT, { store: this.config.store });
    } else this.state = { kind: 'error', code };
  }

  async load(): Promise<void> {
    this.state = { kind: 'loading' };
    this.render();
    const { store, token } = this.config;
    const base = this.apiBase;
    try {
      const [program, me, rewards] = await Promise.all([
        call<Program>(base, `/v1/shopper/program?store=${encodeURIComponent(store)}`, null),
        token === null ? null : call<Me>(base, '/v1/shopper/me', token),
        token === null ? null : call<Rewards>(base, '/v1/shopper/rewards', token),
      ]);
      this.state = { kind: 'ready', program, me, rewards };
    } catch (error) {
      this.failed(error);
    }
    this.render();
    if (this.state.kind !== 'ready') this.announce(this.describeProblem());
  }

  private async redeem(optionId: string, reward: string): Promise<void> {
    const { token } = this.config;
    if (token === null || this.redeeming !== null) return;
    this.redeeming = optionId;
    this.notice = null;
    this.render();
    try {
      const result = await call<Redeemed>(this.apiBase, '/v1/shopper/redeem', token, {
        method: 'POST',
        body: { optionId },
        idempotencyKey: idempotencyKey(),
      });
      this.coupon = { code: result.coupon.code, reward };
      this.fire('regulars:redeemed', { optionId, coupon: result.coupon });
      this.announce(fill(this.m.redeemed, { reward, code: result.coupon.code }));
      const [me, rewards] = await Promise.all([
        call<Me>(this.apiBase, '/v1/shopper/me', token),
        call<Rewards>(this.apiBase, '/v1/shopper/rewards', token),
      ]);
      if (this.state.kind === 'ready') this.state = { ...this.state, me, rewards };
    } catch (error) {
      if (error instanceof ApiError && error.code === 'INSUFFICIENT_POINTS') this.notice = this.m.notEnough;
      else this.failed(error);
      this.announce(this.notice ?? this.describeProblem());
    }
    this.redeeming = null;
    this.render();
    this.shadow.querySelector<HTMLElement>('.code button, .notice')?.focus();
  }

  private describeProblem(): string {
    return this.state.kind === 'expired' ? this.m.expired : this.m.error;
  }

  // ---- formatting

  private number(n: number): string {
    return new Intl.NumberFormat(this.locale).format(n);
  }

  private points(n: number): string {
    return plural(this.locale, this.m.points, n);
  }

  private money(minor: number, currency: string | null): string {
    if (currency === null) return this.number(minor);
    try {
      const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits;
      return new Intl.NumberFormat(this.locale, { style: 'currency', currency }).format(minor / 10 ** (digits ?? 2));
    } catch {
      return `${this.number(minor)} ${currency}`;
    }
  }

  private date(iso: string): string {
    return new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium' }).format(new Date(iso));
  }

  private rewardText(reward: Reward, currency: string | null): string {
    const m = this.m;
    switch (reward.kind) {
      case 'amount':
        return fill(m.amountOff, { money: this.money(reward.amountMinor, currency) });
      case 'percent':
        return fill(m.percentOff, { percent: this.number(reward.percent) });
      case 'free_shipping':
        return m.freeShipping;
      case 'free_product':
        return fill(m.freeProduct, { sku: reward.sku });
    }
  }

  private measure(value: number, basis: string, currency: string | null): string {
    return basis.endsWith('spend') ? this.money(value, currency) : this.points(value);
  }

  private bar(fraction: number, label: string): HTMLElement {
    const percent = Math.round(Math.max(0, Math.min(1, fraction)) * 100);
    const fill = el('span');
    fill.style.width = `${percent}%`;
    return el(
      'div',
      {
        class: 'bar',
        role: 'progressbar',
        'aria-valuemin': '0',
        'aria-valuemax': '100',
        'aria-valuenow': String(percent),
        'aria-label': label,
      },
      fill,
    );
  }

  private copyButton(text: string, label: string): HTMLButtonElement {
    const button = el('button', { type: 'button', 'aria-label': label }, this.m.copy);
    button.addEventListener('click', () => {
      const done = () => {
        button.textContent = this.m.copied;
        this.announce(this.m.copied);
      };
      const fail = () => this.announce(this.m.copyFailed);
      if (navigator.clipboard?.writeText) navigator.clipboard.writeText(text).then(done, fail);
      else fail();
    });
    return button;
  }

  // ---- rendering

  render(): void {
    const m = this.m;
    const c = this.config;
    const colors = { ...DEFAULT_COLORS };
    for (const key of Object.keys(colors) as (keyof Colors)[]) colors[key] = safeColor(c.colors[key], colors[key]);
    this.theme.textContent = `:host{--rw-primary:${colors.primary};--rw-on-primary:${colors.onPrimary};--rw-background:${colors.background};--rw-text:${colors.text};--rw-muted:${colors.muted};--rw-focus:${colors.focus}}`;
    this.root.className = `root ${c.position}`;
    this.root.lang = this.locale;
    const program = this.state.kind === 'ready' ? this.state.program : null;
    const title = c.texts.title ?? program?.join.title ?? m.title;
    this.launcherText.textContent = c.texts.launcher ?? m.launcher;
    this.heading.textContent = title;
    this.closeButton.textContent = m.close;
    this.body.replaceChildren(...this.content());
  }

  private content(): Node[] {
    const m = this.m;
    const s = this.state;
    if (s.kind === 'idle' || s.kind === 'loading') return [el('p', { class: 'muted' }, m.loading)];
    if (s.kind === 'expired') return [el('p', { class: 'error' }, m.expired)];
    if (s.kind === 'error') {
      const retry = el('button', { type: 'button' }, m.retry);
      retry.addEventListener('click', () => void this.load());
      return [el('p', { class: 'error' }, m.error), el('div', { class: 'row' }, retry)];
    }
    const { program, me, rewards } = s;
    if (me !== null) return this.member(me, rewards, program);
    return this.guest(program);
  }

  private member(me: Me, rewards: Rewards | null, program: Program | null): Node[] {
    const m = this.m;
    const out: Node[] = [];
    out.push(
      el(
        'section',
        { 'aria-label': m.title },
        me.customer.firstName ? el('p', {}, fill(m.hello, { name: me.customer.firstName })) : null,
        el(
          'div',
          { class: 'balance' },
          el(
            'div',
            {},
            el('span', { class: 'muted' }, m.available),
            el('strong', {}, this.points(me.points.available)),
          ),
          el('div', {}, el('span', { class: 'muted' }, m.pending), el('strong', {}, this.points(me.points.pending))),
        ),
      ),
    );
    if (me.membership !== null)
      out.push(
        el(
          'section',
          {},
          el('h3', {}, m.membership),
          el('p', {}, `${me.membership.plan}: ${m.membershipStatus[me.membership.status] ?? me.membership.status}`),
        ),
      );
    if (me.tier !== null) {
      const tier = me.tier;
      const next = tier.next;
      out.push(
        el(
          'section',
          {},
          el('h3', {}, tier.name === null ? m.noTier : fill(m.tier, { name: tier.name })),
          next === null
            ? el('p', { class: 'muted' }, m.topTier)
            : el(
                'p',
                { class: 'muted' },
                fill(m.toNext, {
                  name: next.name,
                  missing: this.measure(next.missing, tier.measure.basis, tier.measure.currency),
                }),
              ),
          next === null || tier.progress === null
            ? null
            : this.bar(
                tier.progress,
                fill(m.toNext, {
                  name: next.name,
                  missing: this.measure(next.missing, tier.measure.basis, tier.measure.currency),
                }),
              ),
        ),
      );
    }
    out.push(this.rewardsSection(rewards, program?.currency ?? rewards?.currency ?? null, true));
    if (me.referral !== null && me.referral.link !== null)
      out.push(this.referral(me.referral.link, me.referral, program));
    if (me.challenges.length > 0)
      out.push(
        el(
          'section',
          {},
          el('h3', {}, m.challenges),
          el(
            'ul',
            {},
            ...me.challenges.map((ch) => {
              const progress = fill(m.challengeProgress, {
                progress: this.number(ch.progress),
                target: this.number(ch.target),
              });
              return el(
                'li',
                { class: 'card' },
                el(
                  'div',
                  {},
                  el('p', {}, ch.description),
                  el(
                    'p',
                    { class: 'muted' },
                    [
                      progress,
                      ch.deadline === null ? null : fill(m.deadline, { date: this.date(ch.deadline) }),
                      ch.bonusPoints > 0 ? fill(m.bonus, { points: this.points(ch.bonusPoints) }) : null,
                    ]
                      .filter(Boolean)
                      .join(' · '),
                  ),
                  this.bar(ch.target > 0 ? ch.progress / ch.target : 0, `${ch.description}: ${progress}`),
                ),
              );
            }),
          ),
        ),
      );
    if (program !== null) {
      const earn = this.waysToEarn(program);
      if (earn !== null) out.push(earn);
    }
    return out;
  }

  private rewardsSection(rewards: Rewards | Program | null, currency: string | null, canRedeem: boolean): HTMLElement {
    const m = this.m;
    const list = rewards?.rewards ?? [];
    const section = el('section', {}, el('h3', {}, canRedeem ? m.rewards : m.catalogue));
    if (this.coupon !== null && canRedeem) {
      section.append(
        el(
          'div',
          { class: 'code' },
          el('span', {}, `${this.coupon.reward}:`),
          el('strong', {}, this.coupon.code),
          this.copyButton(this.coupon.code, `${m.copy} ${this.coupon.code}`),
        ),
      );
    }
    if (this.notice !== null) section.append(el('p', { class: 'error notice', tabindex: '-1' }, this.notice));
    const available = rewards !== null && 'available' in rewards ? rewards.available : 0;
    section.append(
      el(
        'ul',
        {},
        ...list.map((option) => {
          const text = this.rewardText(option.reward, currency);
          const details = [
            this.points(option.points),
            option.minSubtotalMinor > 0
              ? fill(m.minSubtotal, { money: this.money(option.minSubtotalMinor, currency) })
              : null,
            option.validDays === null ? null : plural(this.locale, m.validDays, option.validDays),
          ]
            .filter(Boolean)
            .join(' · ');
          let action: Node | null = null;
          if (canRedeem) {
            const affordable = 'affordable' in option ? option.affordable : false;
            if (affordable) {
              const busy = this.redeeming === option.id;
              const button = el(
                'button',
                {
                  type: 'button',
                  class: 'primary',
                  disabled: this.redeeming !== null,
                  'aria-label': `${m.redeem}: ${text}, ${this.points(option.points)}`,
                },
                busy ? m.redeeming : m.redeem,
              );
              button.addEventListener('click', () => void this.redeem(option.id, text));
              action = button;
            } else
              action = el(
                'span',
                { class: 'muted' },
                fill(m.needMore, { points: this.points(option.points - available) }),
              );
          }
          return el(
            'li',
            { class: 'card' },
            el('div', {}, el('p', {}, text), el('p', { class: 'muted' }, details)),
            action,
          );
        }),
      ),
    );
    return section;
  }

  private referral(
    link: string,
    referral: { referrerPoints: number; referredPoints: number },
    program: Program | null,
  ): HTMLElement {
    const m = this.m;
    const shop = program?.store.name ?? '';
    const input = el('input', { id: 'rw-ref', type: 'text', readonly: true, value: link });
    input.addEventListener('focus', () => input.select());
    const body = fill(m.shareBody, { shop, link });
    const subject = fill(m.shareSubject, { shop });
    const mail = el(
      'a',
      { class: 'button', href: `mailto:?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}` },
      m.email,
    );
    const row = el('div', { class: 'row' }, this.copyButton(link, `${m.copy}: ${m.referralLink}`), mail);
    if (typeof navigator.share === 'function') {
      const share = el('button', { type: 'button' }, m.share);
      share.addEventListener('click', () => {
        navigator.share({ title: subject, text: body, url: link }).catch(() => undefined);
      });
      row.append(share);
    }
    return el(
      'section',
      {},
      el('h3', {}, m.referral),
      el(
        'p',
        {},
        fill(m.referralText, { them: this.points(referral.referredPoints), you: this.points(referral.referrerPoints) }),
      ),
      el('label', { for: 'rw-ref', class: 'muted' }, m.referralLink),
      input,
      row,
    );
  }

  private waysToEarn(program: Program): HTMLElement | null {
    const m = this.m;
    const items: string[] = [];
    const { earn, currency } = program;
    if (earn.rate !== null && currency !== null)
      items.push(
        fill(m.earnRate, { points: this.points(earn.rate.points), money: this.money(earn.rate.perMinor, currency) }),
      );
    if (earn.firstOrderCashbackPercent !== null)
      items.push(fill(m.cashback, { percent: this.number(earn.firstOrderCashbackPercent) }));
    for (const action of earn.actions) {
      const name = m.actionNames[action.name] ?? action.name.replace(/[_-]+/g, ' ');
      const often = action.per === 'year' ? m.actionYearly : action.limit === 1 ? m.actionOnce : null;
      items.push(`${name}: ${this.points(action.points)}${often === null ? '' : ` (${often})`}`);
    }
    if (earn.referral !== null)
      items.push(
        fill(m.referFriend, {
          you: this.points(earn.referral.referrerPoints),
          them: this.points(earn.referral.referredPoints),
        }),
      );
    if (items.length === 0) return null;
    return el(
      'section',
      {},
      el('h3', {}, m.waysToEarn),
      el('ul', {}, ...items.map((item) => el('li', { class: 'card' }, item))),
    );
  }

  private tiers(program: Program): HTMLElement | null {
    const m = this.m;
    const tiers = program.tiers;
    if (tiers === null || tiers.levels.length === 0) return null;
    return el(
      'section',
      {},
      el('h3', {}, m.tiers),
      el(
        'ul',
        {},
        ...tiers.levels.map((level) => {
          const perks = [
            level.perks.earnMultiplier > 1
              ? fill(m.perkMultiplier, { factor: this.number(level.perks.earnMultiplier) })
              : null,
            level.perks.freeShipping ? m.perkFreeShipping : null,
            level.perks.memberCouponPercent
              ? fill(m.perkCoupon, { percent: this.number(level.perks.memberCouponPercent) })
              : null,
            ...level.perks.partnerPerks,
          ].filter(Boolean);
          return el(
            'li',
            { class: 'card' },
            el(
              'div',
              {},
              el(
                'p',
                {},
                el('strong', {}, level.name),
                ` · ${fill(m.tierFrom, { threshold: this.measure(level.threshold, tiers.basis, tiers.currency) })}`,
              ),
              perks.length === 0 ? null : el('p', { class: 'muted' }, perks.join(' · ')),
            ),
          );
        }),
      ),
    );
  }

  private guest(program: Program | null): Node[] {
    const m = this.m;
    if (program === null || (program.currency === null && program.tiers === null)) return [el('p', {}, m.noProgram)];
    const shop = program.store.name;
    const joinText = this.config.texts.joinText ?? program.join.text ?? fill(m.joinText, { shop });
    const out: Node[] = [el('p', {}, joinText)];
    if (program.join.url !== null)
      out.push(
        el(
          'div',
          { class: 'row' },
          el('a', { class: 'button', href: program.join.url }, this.config.texts.join ?? m.join),
        ),
      );
    const earn = this.waysToEarn(program);
    if (earn !== null) out.push(earn);
    if (program.rewards.length > 0) out.push(this.rewardsSection(program, program.currency, false));
    const tiers = this.tiers(program);
    if (tiers !== null) out.push(tiers);
    return out;
  }
}

interface RegularsWidgetApi {
  readonly version: string;
  configure(changes: Partial<WidgetConfig>): void;
  setToken(token: string | null): void;
  open(): void;
  close(): void;
  refresh(): Promise<void>;
}

declare global {
  interface Window {
    RegularsWidget?: RegularsWidgetApi;
  }
}

function start(): void {
  if (window.RegularsWidget !== undefined) return; // the script was included twice: one widget
  const script = findScript();
  const config = configFrom(script);
  let apiBase = '';
  try {
    apiBase = new URL(script?.src ?? '', document.baseURI).origin;
  } catch {
    apiBase = '';
  }
  let widget: Widget | null = null;
  const pending: Partial<WidgetConfig>[] = [];
  const mount = () => {
    widget = new Widget(config, script, apiBase);
    for (const changes of pending) widget.configure(changes);
    document.dispatchEvent(new CustomEvent('regulars:ready', { detail: { store: config.store } }));
  };
  window.RegularsWidget = {
    version: '1',
    configure: (changes) => (widget === null ? pending.push(changes) : widget.configure(changes)),
    setToken: (token) => (widget === null ? pending.push({ token }) : widget.setToken(token)),
    open: () => widget?.open(),
    close: () => widget?.close(),
    refresh: () => widget?.load() ?? Promise.resolve(),
  };
  if (document.body !== null) mount();
  else document.addEventListener('DOMContentLoaded', mount, { once: true });
}

start();
