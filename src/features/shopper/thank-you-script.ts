/**
 * The thank-you snippet (docs/shopper.md "The thank-you snippet"), served as /thank-you.js: the
 * order-status page embeds it with the shopper token and the shop's order id, and it shows what
 * GET /v1/shopper/offers answers. Plain ES2017 for every browser a shop's customers use, no
 * framework, built with DOM calls and textContent only (nothing from the answer is parsed as HTML).
 * Kept as text here rather than built from web/: it is one small file with nothing to bundle.
 *
 * The texts come in en, ko, ja and sl. Slovenian counts points in four forms (1 točka, 2 točki,
 * 3 točke, 5 točk; after "imate" or "prejeli ste" the accusative: 1 točko), chosen by
 * Intl.PluralRules; Korean and Japanese do not inflect the counter.
 */
export const THANK_YOU_LOCALES = ['en', 'ko', 'ja', 'sl'] as const;

export const THANK_YOU_SCRIPT = String.raw`/* Regulars thank-you snippet: docs/shopper.md */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !script.src) return;
  var TEXTS = {
    en: {
      heading: 'Thank you for your order',
      earned: { one: 'You earned {n} point with this order.', other: 'You earned {n} points with this order.' },
      availableFrom: 'You can spend them from {date}.',
      balance: { one: 'You now have {n} point.', other: 'You now have {n} points.' },
      points: { one: '{n} point', other: '{n} points' },
      tier: 'Your tier: {tier}.',
      noTier: 'Your tier: none yet.',
      next: '{missing} more to reach {tier}.',
      top: 'You have reached the top tier.',
      progress: 'Progress to {tier}',
      challenge: 'Next challenge',
      challengeProgress: '{progress} of {target} done, until {deadline}.',
      bonus: { one: 'Bonus: {n} point.', other: 'Bonus: {n} points.' },
      suggestion: 'Goes well with your order',
      pending: 'Your points are on their way…',
      late: 'Your points will appear in your account shortly.'
    },
    ko: {
      heading: '주문해 주셔서 감사합니다',
      earned: { other: '이번 주문으로 {n}포인트를 적립했습니다.' },
      availableFrom: '{date}부터 사용할 수 있습니다.',
      balance: { other: '현재 보유 포인트는 {n}포인트입니다.' },
      points: { other: '{n}포인트' },
      tier: '현재 등급: {tier}',
      noTier: '현재 등급: 아직 없음',
      next: '{tier} 등급까지 {missing} 남았습니다.',
      top: '최고 등급에 도달했습니다.',
      progress: '{tier} 등급까지의 진행률',
      challenge: '다음 챌린지',
      challengeProgress: '{target}회 중 {progress}회 완료, {deadline}까지',
      bonus: { other: '보너스: {n}포인트' },
      suggestion: '함께 구매하면 좋은 상품',
      pending: '포인트를 적립하고 있습니다…',
      late: '포인트는 곧 계정에 표시됩니다.'
    },
    ja: {
      heading: 'ご注文ありがとうございます',
      earned: { other: 'このご注文で{n}ポイントを獲得しました。' },
      availableFrom: '{date}からご利用いただけます。',
      balance: { other: '現在のポイントは{n}ポイントです。' },
      points: { other: '{n}ポイント' },
      tier: '現在のランク：{tier}',
      noTier: '現在のランク：まだありません',
      next: '{tier}まであと{missing}です。',
      top: '最上位のランクに到達しています。',
      progress: '{tier}までの進捗',
      challenge: '次のチャレンジ',
      challengeProgress: '{target}回中{progress}回達成・{deadline}まで',
      bonus: { other: 'ボーナス：{n}ポイント' },
      suggestion: 'ご注文の商品と一緒にいかがですか',
      pending: 'ポイントを反映しています…',
      late: 'ポイントはまもなくアカウントに反映されます。'
    },
    sl: {
      heading: 'Hvala za vaše naročilo',
      earned: {
        one: 'S tem naročilom ste prejeli {n} točko.',
        two: 'S tem naročilom ste prejeli {n} točki.',
        few: 'S tem naročilom ste prejeli {n} točke.',
        other: 'S tem naročilom ste prejeli {n} točk.'
      },
      availableFrom: 'Porabite jih lahko od {date}.',
      balance: {
        one: 'Zdaj imate {n} točko.',
        two: 'Zdaj imate {n} točki.',
        few: 'Zdaj imate {n} točke.',
        other: 'Zdaj imate {n} točk.'
      },
      points: { one: '{n} točka', two: '{n} točki', few: '{n} točke', other: '{n} točk' },
      tier: 'Vaša raven: {tier}.',
      noTier: 'Vaša raven: še nobena.',
      next: 'Do ravni {tier} manjka še {missing}.',
      top: 'Dosegli ste najvišjo raven.',
      progress: 'Napredek do ravni {tier}',
      challenge: 'Naslednji izziv',
      challengeProgress: 'Opravljeno {progress} od {target}, do {deadline}.',
      bonus: {
        one: 'Nagrada: {n} točka.',
        two: 'Nagrada: {n} točki.',
        few: 'Nagrada: {n} točke.',
        other: 'Nagrada: {n} točk.'
      },
      suggestion: 'Lepo se poda k vašemu naročilu',
      pending: 'Vaše točke so na poti …',
      late: 'Točke bodo kmalu vidne v vašem računu.'
    }
  };
  var MAX_TRIES = 10;

  function pickLocale(wanted) {
    var list = [script.getAttribute('data-locale'), document.documentElement.lang].concat(wanted);
    for (var i = 0; i < list.length; i++) {
      var tag = String(list[i] || '').toLowerCase().split('-')[0];
      if (TEXTS[tag]) return tag;
    }
    return 'en';
  }
  var lang = pickLocale(navigator.languages || [navigator.language]);
  var t = TEXTS[lang];
  var plural = new Intl.PluralRules(lang);
  var numbers = new Intl.NumberFormat(lang);
  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (_, key) {
      return values[key];
    });
  }
  function count(forms, n) {
    return fill(forms[plural.select(n)] || forms.other, { n: numbers.format(n) });
  }
  function date(text) {
    var at = new Date(text.length === 10 ? text + 'T12:00:00Z' : text);
    return new Intl.DateTimeFormat(lang, { dateStyle: 'long' }).format(at);
  }
  function money(minor, currency) {
    var format = new Intl.NumberFormat(lang, { style: 'currency', currency: currency });
    var digits = format.resolvedOptions().maximumFractionDigits;
    return format.format(minor / Math.pow(10, digits));
  }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = 'rg-ty-' + className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  var token = script.getAttribute('data-token');
  var orderId = script.getAttribute('data-order');
  var api = new URL(script.src).origin;
  var selector = script.getAttribute('data-container');
  var box = selector ? document.querySelector(selector) : null;
  if (!box) {
    box = document.createElement('div');
    script.parentNode.insertBefore(box, script.nextSibling);
  }
  if (!token || !orderId) return;

  var style = el('style');
  style.textContent =
    '.rg-ty{box-sizing:border-box;max-width:40rem;margin:1rem 0;padding:1rem;border:1px solid #c8c8c8;border-radius:8px;background:#fff;color:#1a1a1a;font:inherit;line-height:1.5}' +
    '.rg-ty *{box-sizing:border-box}.rg-ty-title{margin:0 0 .5rem;font-size:1.25rem}.rg-ty p{margin:.25rem 0}' +
    '.rg-ty-sub{margin:.75rem 0 .25rem;font-size:1rem}.rg-ty progress{width:100%;height:.75rem}' +
    '.rg-ty a{color:#0b57a4;text-decoration:underline;overflow-wrap:anywhere}';
  var root = el('section');
  root.className = 'rg-ty';
  root.setAttribute('lang', lang);
  var headingId = 'rg-ty-heading-' + Math.random().toString(36).slice(2);
  root.setAttribute('aria-labelledby', headingId);
  var heading = el('h2', 'title', t.heading);
  heading.id = headingId;
  var status = el('p', 'status');
  status.setAttribute('role', 'status');
  root.appendChild(heading);
  root.appendChild(status);
  box.appendChild(style);
  box.appendChild(root);

  function tierMissing(tier) {
    if (/spend/.test(tier.measure.basis) && tier.measure.currency) return money(tier.next.missing, tier.measure.currency);
    return count(t.points, tier.next.missing);
  }

  function render(offer) {
    status.textContent = '';
    var points = offer.points;
    root.appendChild(el('p', 'earned', count(t.earned, points.earned)));
    if (points.availableAt) root.appendChild(el('p', 'available', fill(t.availableFrom, { date: date(points.availableAt) })));
    root.appendChild(el('p', 'balance', count(t.balance, points.balance.available + points.balance.pending)));
    if (offer.tier) {
      var tier = offer.tier;
      root.appendChild(el('p', 'tier', tier.name ? fill(t.tier, { tier: tier.name }) : t.noTier));
      if (tier.next) {
        root.appendChild(el('p', 'next', fill(t.next, { tier: tier.next.name, missing: tierMissing(tier) })));
        var bar = el('progress');
        bar.max = 1;
        bar.value = tier.progress || 0;
        bar.setAttribute('aria-label', fill(t.progress, { tier: tier.next.name }));
        root.appendChild(bar);
      } else root.appendChild(el('p', 'next', t.top));
    }
    if (offer.challenge) {
      var c = offer.challenge;
      root.appendChild(el('h3', 'sub', t.challenge));
      root.appendChild(el('p', 'challenge', c.description));
      root.appendChild(
        el('p', 'challenge-progress', fill(t.challengeProgress, { progress: numbers.format(c.progress), target: numbers.format(c.target), deadline: date(c.deadline) }))
      );
      if (c.bonusPoints > 0) root.appendChild(el('p', 'bonus', count(t.bonus, c.bonusPoints)));
    }
    if (offer.suggestion) {
      var s = offer.suggestion;
      root.appendChild(el('h3', 'sub', t.suggestion));
      var line = el('p', 'suggestion');
      var link = el('a', 'product', s.title);
      link.href = s.url;
      line.appendChild(link);
      line.appendChild(document.createTextNode(' · ' + money(s.priceMinor, s.currency)));
      root.appendChild(line);
    }
  }

  function ask(tries) {
    fetch(api + '/v1/shopper/offers?orderId=' + encodeURIComponent(orderId), {
      headers: { authorization: 'Shopper ' + token },
      credentials: 'omit'
    })
      .then(function (answer) {
        return answer.json().then(function (body) {
          if (!answer.ok) throw new Error((body.error && body.error.code) || 'HTTP ' + answer.status);
          return body;
        });
      })
      .then(function (offer) {
        if (offer.status === 'ready') return render(offer);
        if (tries + 1 >= MAX_TRIES) return void (status.textContent = t.late);
        status.textContent = t.pending;
        setTimeout(function () {
          ask(tries + 1);
        }, (offer.retryAfterSeconds || 3) * 1000);
      })
      .catch(function (error) {
        // A wrong order id or an expired token: the page goes on without the box.
        box.removeChild(root);
        box.removeChild(style);
        if (window.console) console.warn('Regulars thank-you snippet: ' + error.message);
      });
  }
  ask(0);
})();
`;
