/**
 * The account page's words in en, ko, ja and sl (the seeds' own languages), and which one a
 * request gets. Pure. Functions take text that is already HTML-escaped where they build HTML.
 *
 * Slovenian counts in four forms, chosen by Intl.PluralRules('sl') (one: 1, 101; two: 2, 102;
 * few: 3, 4, 103; other: 0, 5-100): "1 točka, 2 točki, 3 točke, 5 točk" as a subject, and
 * "1 točko" as an object ("imate 1 točko"). Korean and Japanese do not inflect the counter.
 */
export const ACCOUNT_LOCALES = ['en', 'ko', 'ja', 'sl'] as const;
export type AccountLocale = (typeof ACCOUNT_LOCALES)[number];

/** The name of each language in itself, for the language switch. */
export const LOCALE_NAMES: Readonly<Record<AccountLocale, string>> = {
  en: 'English',
  ko: '한국어',
  ja: '日本語',
  sl: 'Slovenščina',
};

type Forms = { readonly one?: string; readonly two?: string; readonly few?: string; readonly other: string };

const rules = new Map<string, Intl.PluralRules>();
function form(locale: AccountLocale, n: number, forms: Forms): string {
  let r = rules.get(locale);
  if (r === undefined) rules.set(locale, (r = new Intl.PluralRules(locale)));
  const category = r.select(n) as keyof Forms;
  return (forms[category] ?? forms.other).replace('{n}', String(n));
}

export interface AccountTexts {
  readonly locale: AccountLocale;
  readonly title: string;
  readonly cancelTitle: string;
  readonly language: string;
  greeting(nameHtml: string | null, shopHtml: string): string;
  readonly pointsHeading: string;
  pointsLine(available: number, pending: number): string;
  readonly tierHeading: string;
  readonly noTier: string;
  youAre(tierHtml: string): string;
  readonly topTier: string;
  toNext(missing: number, tierHtml: string): string;
  readonly rewardsHeading: string;
  rewardFor(labelHtml: string, points: number): string;
  readonly redeem: string;
  moreNeeded(points: number): string;
  amountOff(money: string): string;
  percentOff(percent: number): string;
  readonly freeShipping: string;
  freeProduct(sku: string): string;
  readonly referralHeading: string;
  referralText(friend: number, you: number): string;
  readonly yourLink: string;
  readonly code: string;
  readonly challengesHeading: string;
  challengeLine(descriptionHtml: string, bonus: number, deadlineHtml: string): string;
  ofTarget(progress: number, target: number): string;
  readonly membershipHeading: string;
  readonly membership: string;
  readonly benefitsApply: string;
  /** A membership's or subscription's status as shown; English shows the status itself. */
  status(status: string): string;
  readonly subscriptionsHeading: string;
  readonly skip: string;
  readonly pause: string;
  readonly until: string;
  readonly cancel: string;
  readonly resume: string;
  nextDelivery(dayHtml: string): string;
  pausedUntil(dayHtml: string): string;
  perMonth(money: string): string;
  readonly emailsHeading: string;
  readonly saveChoices: string;
  /** The preference fields' words; null for English, whose fields are the preference center's own. */
  readonly preferences: {
    readonly topicsLegend: string;
    readonly topics: Readonly<Record<string, string>>;
    readonly frequencyLegend: string;
    readonly frequencies: Readonly<Record<string, string>>;
    readonly breakLegend: string;
    readonly snooze: string;
    pausedUntil(dayHtml: string): string;
    readonly unsnooze: string;
  } | null;
  readonly beforeYouGo: string;
  readonly pauseInstead: string;
  readonly keep: string;
  whyCancel(skuHtml: string): string;
  readonly yourReason: string;
  readonly reasons: Readonly<Record<string, string>>;
  readonly noteLabel: string;
  readonly confirmCancel: string;
  readonly back: string;
  refused(available: number, required: number): string;
  couponHtml(whatHtml: string, codeHtml: string, untilHtml: string | null): string;
  readonly saved: string;
  readonly done: Readonly<Record<'skip' | 'pause' | 'resume' | 'cancel', string>>;
  /** The page for a guest (no token in the link): the program, and how to see one's own points. */
  readonly guest: {
    readonly title: string;
    intro(shopHtml: string): string;
    earn(points: number, moneyHtml: string): string;
    readonly rewards: string;
    signIn(shopLinkHtml: string): string;
  };
}

const en: AccountTexts = {
  locale: 'en',
  title: 'Your account',
  cancelTitle: 'Cancel your subscription',
  language: 'Language',
  greeting: (name, shop) => `${name === null ? 'Welcome' : `Hello ${name}`}: your account at ${shop}.`,
  pointsHeading: 'Points',
  pointsLine: (available, pending) =>
    `<strong>${available}</strong> points available${pending > 0 ? `, ${pending} pending (they become available after the return window)` : ''}.`,
  tierHeading: 'Tier',
  noTier: 'No tier yet.',
  youAre: (tier) => `You are <strong>${tier}</strong>.`,
  topTier: 'You have reached the top tier.',
  toNext: (missing, tier) => `${missing} more to reach ${tier}`,
  rewardsHeading: 'Rewards',
  rewardFor: (label, points) => `${label} for ${points} points`,
  redeem: 'Redeem',
  moreNeeded: (points) => `(${points} more points needed)`,
  amountOff: (money) => `${money} off`,
  percentOff: (percent) => `${percent}% off`,
  freeShipping: 'Free shipping',
  freeProduct: (sku) => `A free ${sku}`,
  referralHeading: 'Invite a friend',
  referralText: (friend, you) => `Your friend gets ${friend} points and you get ${you} when they order.`,
  yourLink: 'Your link',
  code: 'Code:',
  challengesHeading: 'Challenges',
  challengeLine: (description, bonus, deadline) => `${description} (${bonus} bonus points, by ${deadline})`,
  ofTarget: (progress, target) => `${progress} of ${target}`,
  membershipHeading: 'Membership',
  membership: 'Membership',
  benefitsApply: ' (your benefits apply)',
  status: (status) => status,
  subscriptionsHeading: 'Subscriptions',
  skip: 'Skip the next delivery',
  pause: 'Pause',
  until: 'until',
  cancel: 'Cancel',
  resume: 'Resume now',
  nextDelivery: (day) => `, next delivery ${day}`,
  pausedUntil: (day) => ` until ${day}`,
  perMonth: (money) => `(${money} a month)`,
  emailsHeading: 'Emails',
  saveChoices: 'Save my choices',
  preferences: null,
  beforeYouGo: 'Before you go',
  pauseInstead: 'Pause for 30 days instead',
  keep: 'Keep my subscription',
  whyCancel: (sku) => `Why are you cancelling ${sku}?`,
  yourReason: 'Your reason',
  reasons: {
    too_expensive: 'It costs too much',
    too_much_product: 'I have too much product',
    not_using: 'I am not using it',
    quality: 'The quality was not what I expected',
    delivery_problems: 'Problems with delivery',
    found_alternative: 'I found something else',
    traveling: 'I am travelling',
    temporary_break: 'I need a break',
    other: 'Something else',
  },
  noteLabel: 'Anything else you would like to tell us? (optional)',
  confirmCancel: 'Cancel my subscription',
  back: 'Back to my account',
  refused: (available, required) => `You have ${available} points; this reward needs ${required}.`,
  couponHtml: (what, code, until) =>
    `<p>${what}: your code is <code id="coupon-code">${code}</code>. Enter it at checkout${until === null ? '' : ` before ${until}`}.</p>`,
  saved: 'Saved. Your choices apply from now on.',
  done: {
    skip: 'Skipped: your next delivery moves one interval later.',
    pause: 'Paused.',
    resume: 'Resumed.',
    cancel: 'Your subscription is cancelled. Thank you for telling us why.',
  },
  guest: {
    title: 'Rewards',
    intro: (shop) => `${shop} rewards its regular customers: every order earns points, and points buy rewards.`,
    earn: (n, money) => `You earn ${n === 1 ? '1 point' : `${n} points`} for every ${money} you spend.`,
    rewards: 'What points buy',
    signIn: (shop) =>
      `Join by ordering at ${shop}; to see your points, open your account there or the link in our emails.`,
  },
};

const ko: AccountTexts = {
  locale: 'ko',
  title: '내 계정',
  cancelTitle: '구독 해지',
  language: '언어',
  greeting: (name, shop) => `${name === null ? '환영합니다' : `${name}님, 안녕하세요`}. ${shop}의 내 계정입니다.`,
  pointsHeading: '포인트',
  pointsLine: (available, pending) =>
    `사용 가능한 포인트: <strong>${available}</strong>포인트${pending > 0 ? `, 적립 예정 ${pending}포인트(반품 기간이 지나면 사용할 수 있습니다)` : ''}.`,
  tierHeading: '등급',
  noTier: '아직 등급이 없습니다.',
  youAre: (tier) => `현재 등급은 <strong>${tier}</strong>입니다.`,
  topTier: '최고 등급에 도달했습니다.',
  toNext: (missing, tier) => `${tier} 등급까지 ${missing} 남았습니다`,
  rewardsHeading: '리워드',
  rewardFor: (label, points) => `${label}: ${points}포인트`,
  redeem: '교환하기',
  moreNeeded: (points) => `(${points}포인트 더 필요)`,
  amountOff: (money) => `${money} 할인`,
  percentOff: (percent) => `${percent}% 할인`,
  freeShipping: '무료 배송',
  freeProduct: (sku) => `무료 상품: ${sku}`,
  referralHeading: '친구 초대',
  referralText: (friend, you) => `친구가 주문하면 친구는 ${friend}포인트, 회원님은 ${you}포인트를 받습니다.`,
  yourLink: '내 초대 링크',
  code: '코드:',
  challengesHeading: '챌린지',
  challengeLine: (description, bonus, deadline) => `${description} (보너스 ${bonus}포인트, ${deadline}까지)`,
  ofTarget: (progress, target) => `${target}회 중 ${progress}회`,
  membershipHeading: '멤버십',
  membership: '멤버십',
  benefitsApply: ' (혜택 적용 중)',
  status: (status) =>
    ({ active: '이용 중', paused: '일시 정지', cancelled: '해지됨', ended: '종료됨', expired: '만료됨' })[status] ??
    status,
  subscriptionsHeading: '정기 구독',
  skip: '다음 배송 건너뛰기',
  pause: '일시 정지',
  until: '종료일',
  cancel: '해지',
  resume: '지금 다시 시작',
  nextDelivery: (day) => `, 다음 배송일 ${day}`,
  pausedUntil: (day) => ` (${day}까지)`,
  perMonth: (money) => `(월 ${money})`,
  emailsHeading: '이메일',
  saveChoices: '설정 저장',
  preferences: {
    topicsLegend: '어떤 소식을 받고 싶으신가요?',
    topics: {
      newsletter: '뉴스레터',
      replenishment: '재구매 알림',
      offers: '혜택 및 재방문 제안',
      loyalty: '포인트 및 등급 소식',
      reviews: '리뷰 요청',
    },
    frequencyLegend: '얼마나 자주 받으시겠어요?',
    frequencies: { as_sent: '보내는 대로', weekly: '최대 주 1회', monthly: '최대 월 1회' },
    breakLegend: '잠시 쉬기',
    snooze: '30일 동안 모두 받지 않기',
    pausedUntil: (day) => `${day}까지 일시 중지되었습니다.`,
    unsnooze: '지금 다시 받기',
  },
  beforeYouGo: '해지하기 전에',
  pauseInstead: '대신 30일 동안 일시 정지',
  keep: '구독 유지하기',
  whyCancel: (sku) => `${sku} 구독을 해지하시는 이유는 무엇인가요?`,
  yourReason: '해지 이유',
  reasons: {
    too_expensive: '가격이 너무 비싸요',
    too_much_product: '제품이 너무 많이 남았어요',
    not_using: '사용하지 않아요',
    quality: '품질이 기대에 못 미쳤어요',
    delivery_problems: '배송에 문제가 있었어요',
    found_alternative: '다른 제품을 찾았어요',
    traveling: '여행 중이에요',
    temporary_break: '잠시 쉬고 싶어요',
    other: '기타',
  },
  noteLabel: '더 하고 싶은 말씀이 있으신가요? (선택)',
  confirmCancel: '구독 해지하기',
  back: '내 계정으로 돌아가기',
  refused: (available, required) =>
    `보유 포인트는 ${available}포인트이며, 이 리워드에는 ${required}포인트가 필요합니다.`,
  couponHtml: (what, code, until) =>
    `<p>${what}: 쿠폰 코드는 <code id="coupon-code">${code}</code>입니다. ${until === null ? '' : `${until}까지 `}결제 시 입력하세요.</p>`,
  saved: '저장되었습니다. 지금부터 적용됩니다.',
  done: {
    skip: '건너뛰었습니다. 다음 배송이 한 주기 뒤로 미뤄집니다.',
    pause: '일시 정지되었습니다.',
    resume: '다시 시작되었습니다.',
    cancel: '구독이 해지되었습니다. 이유를 알려 주셔서 감사합니다.',
  },
  guest: {
    title: '리워드',
    intro: (shop) =>
      `${shop}은(는) 단골 고객에게 보답합니다. 주문할 때마다 포인트가 쌓이고, 포인트로 리워드를 받을 수 있습니다.`,
    earn: (n, money) => `${money}를 사용할 때마다 ${n}포인트가 적립됩니다.`,
    rewards: '포인트로 받을 수 있는 리워드',
    signIn: (shop) => `${shop}에서 주문하면 가입됩니다. 내 포인트는 그곳의 내 계정이나 이메일의 링크에서 확인하세요.`,
  },
};

const ja: AccountTexts = {
  locale: 'ja',
  title: 'マイアカウント',
  cancelTitle: '定期購入の解約',
  language: '言語',
  greeting: (name, shop) => `${name === null ? 'ようこそ' : `${name}様、こんにちは`}。${shop}のアカウントです。`,
  pointsHeading: 'ポイント',
  pointsLine: (available, pending) =>
    `利用可能なポイント：<strong>${available}</strong>ポイント${pending > 0 ? `、付与予定${pending}ポイント（返品期間の終了後に利用できます）` : ''}。`,
  tierHeading: 'ランク',
  noTier: 'まだランクはありません。',
  youAre: (tier) => `現在のランクは<strong>${tier}</strong>です。`,
  topTier: '最上位のランクに到達しています。',
  toNext: (missing, tier) => `${tier}まであと${missing}`,
  rewardsHeading: '特典',
  rewardFor: (label, points) => `${label}（${points}ポイント）`,
  redeem: '交換する',
  moreNeeded: (points) => `（あと${points}ポイント必要）`,
  amountOff: (money) => `${money}引き`,
  percentOff: (percent) => `${percent}%オフ`,
  freeShipping: '送料無料',
  freeProduct: (sku) => `無料商品：${sku}`,
  referralHeading: '友だちを招待',
  referralText: (friend, you) =>
    `お友だちが注文すると、お友だちに${friend}ポイント、あなたに${you}ポイントが付与されます。`,
  yourLink: 'あなたの招待リンク',
  code: 'コード：',
  challengesHeading: 'チャレンジ',
  challengeLine: (description, bonus, deadline) => `${description}（ボーナス${bonus}ポイント、${deadline}まで）`,
  ofTarget: (progress, target) => `${target}回中${progress}回`,
  membershipHeading: 'メンバーシップ',
  membership: 'メンバーシップ',
  benefitsApply: '（特典が適用されています）',
  status: (status) =>
    ({ active: '利用中', paused: '一時停止中', cancelled: '解約済み', ended: '終了', expired: '期限切れ' })[status] ??
    status,
  subscriptionsHeading: '定期購入',
  skip: '次回のお届けをスキップ',
  pause: '一時停止',
  until: '再開日',
  cancel: '解約',
  resume: '今すぐ再開',
  nextDelivery: (day) => `、次回のお届け ${day}`,
  pausedUntil: (day) => `（${day}まで）`,
  perMonth: (money) => `（月額${money}）`,
  emailsHeading: 'メール',
  saveChoices: '設定を保存',
  preferences: {
    topicsLegend: 'どのようなお知らせを受け取りますか？',
    topics: {
      newsletter: 'ニュースレター',
      replenishment: '買い替えのお知らせ',
      offers: 'お得な情報・再購入のご案内',
      loyalty: 'ポイント・ランクのお知らせ',
      reviews: 'レビューのお願い',
    },
    frequencyLegend: '受け取る頻度',
    frequencies: { as_sent: '配信のたびに', weekly: '週1回まで', monthly: '月1回まで' },
    breakLegend: 'しばらく休む',
    snooze: '30日間すべて停止する',
    pausedUntil: (day) => `${day}まで停止中です。`,
    unsnooze: '今すぐ再開する',
  },
  beforeYouGo: '解約の前に',
  pauseInstead: '代わりに30日間一時停止する',
  keep: '定期購入を続ける',
  whyCancel: (sku) => `${sku}を解約する理由を教えてください`,
  yourReason: '解約の理由',
  reasons: {
    too_expensive: '価格が高すぎる',
    too_much_product: '商品が余っている',
    not_using: '使っていない',
    quality: '品質が期待と違った',
    delivery_problems: '配送に問題があった',
    found_alternative: 'ほかの商品を見つけた',
    traveling: '旅行中',
    temporary_break: 'しばらく休みたい',
    other: 'その他',
  },
  noteLabel: 'ほかにお伝えいただけることはありますか？（任意）',
  confirmCancel: '定期購入を解約する',
  back: 'マイアカウントに戻る',
  refused: (available, required) =>
    `保有ポイントは${available}ポイントです。この特典には${required}ポイントが必要です。`,
  couponHtml: (what, code, until) =>
    `<p>${what}：クーポンコードは<code id="coupon-code">${code}</code>です。${until === null ? '' : `${until}までに`}ご注文時に入力してください。</p>`,
  saved: '保存しました。今後の配信から反映されます。',
  done: {
    skip: 'スキップしました。次回のお届けは1回分後になります。',
    pause: '一時停止しました。',
    resume: '再開しました。',
    cancel: '定期購入を解約しました。理由をお聞かせいただきありがとうございました。',
  },
  guest: {
    title: 'ポイントプログラム',
    intro: (shop) => `${shop}では、ご注文のたびにポイントが貯まり、ポイントを特典と交換できます。`,
    earn: (n, money) => `${money}のお買い物ごとに${n}ポイントが貯まります。`,
    rewards: 'ポイントで交換できる特典',
    signIn: (shop) =>
      `${shop}でご注文いただくと参加できます。ポイントはショップのマイアカウントまたはメールのリンクからご確認ください。`,
  },
};

const points = (n: number) =>
  form('sl', n, { one: '{n} točko', two: '{n} točki', few: '{n} točke', other: '{n} točk' });
const pointsSubject = (n: number) =>
  form('sl', n, { one: '{n} točka', two: '{n} točki', few: '{n} točke', other: '{n} točk' });

const sl: AccountTexts = {
  locale: 'sl',
  title: 'Vaš račun',
  cancelTitle: 'Preklic naročnine',
  language: 'Jezik',
  greeting: (name, shop) => `${name === null ? 'Pozdravljeni' : `Pozdravljeni, ${name}`}: vaš račun pri ${shop}.`,
  pointsHeading: 'Točke',
  pointsLine: (available, pending) =>
    `Na voljo: <strong>${pointsSubject(available)}</strong>${pending > 0 ? `, v čakanju ${pointsSubject(pending)} (na voljo bodo po izteku roka za vračilo)` : ''}.`,
  tierHeading: 'Raven',
  noTier: 'Še nimate ravni.',
  youAre: (tier) => `Vaša raven je <strong>${tier}</strong>.`,
  topTier: 'Dosegli ste najvišjo raven.',
  toNext: (missing, tier) => `Do ravni ${tier} manjka še ${missing}`,
  rewardsHeading: 'Nagrade',
  rewardFor: (label, n) => `${label} za ${points(n)}`,
  redeem: 'Unovči',
  moreNeeded: (n) => `(manjka še ${pointsSubject(n)})`,
  amountOff: (money) => `${money} popusta`,
  percentOff: (percent) => `${percent} % popusta`,
  freeShipping: 'Brezplačna dostava',
  freeProduct: (sku) => `Brezplačen izdelek: ${sku}`,
  referralHeading: 'Povabite prijatelja',
  referralText: (friend, you) => `Ko prijatelj odda naročilo, prejme ${points(friend)}, vi pa ${points(you)}.`,
  yourLink: 'Vaša povezava',
  code: 'Koda:',
  challengesHeading: 'Izzivi',
  challengeLine: (description, bonus, deadline) => `${description} (nagrada ${points(bonus)}, do ${deadline})`,
  ofTarget: (progress, target) => `${progress} od ${target}`,
  membershipHeading: 'Članstvo',
  membership: 'Članstvo',
  benefitsApply: ' (ugodnosti veljajo)',
  status: (status) =>
    ({
      active: 'aktivna',
      paused: 'začasno ustavljena',
      cancelled: 'preklicana',
      ended: 'končana',
      expired: 'potekla',
    })[status] ?? status,
  subscriptionsHeading: 'Naročnine',
  skip: 'Preskoči naslednjo dostavo',
  pause: 'Začasno ustavi',
  until: 'do',
  cancel: 'Prekliči',
  resume: 'Nadaljuj zdaj',
  nextDelivery: (day) => `, naslednja dostava ${day}`,
  pausedUntil: (day) => ` do ${day}`,
  perMonth: (money) => `(${money} na mesec)`,
  emailsHeading: 'E-pošta',
  saveChoices: 'Shrani izbiro',
  preferences: {
    topicsLegend: 'O čem želite prejemati sporočila?',
    topics: {
      newsletter: 'E-novice',
      replenishment: 'Opomniki za ponovni nakup',
      offers: 'Ponudbe in vabila k vrnitvi',
      loyalty: 'Novice o točkah in ravneh',
      reviews: 'Prošnje za mnenje',
    },
    frequencyLegend: 'Kako pogosto?',
    frequencies: {
      as_sent: 'Ob vsakem pošiljanju',
      weekly: 'Največ enkrat na teden',
      monthly: 'Največ enkrat na mesec',
    },
    breakLegend: 'Odmor',
    snooze: 'Ustavi vse za 30 dni',
    pausedUntil: (day) => `Ustavljeno do ${day}.`,
    unsnooze: 'Začni znova zdaj',
  },
  beforeYouGo: 'Preden odidete',
  pauseInstead: 'Raje začasno ustavi za 30 dni',
  keep: 'Obdrži naročnino',
  whyCancel: (sku) => `Zakaj preklicujete naročnino ${sku}?`,
  yourReason: 'Vaš razlog',
  reasons: {
    too_expensive: 'Predrago je',
    too_much_product: 'Izdelka imam preveč',
    not_using: 'Izdelka ne uporabljam',
    quality: 'Kakovost ni bila, kot sem pričakoval(a)',
    delivery_problems: 'Težave z dostavo',
    found_alternative: 'Našel (našla) sem nekaj drugega',
    traveling: 'Na potovanju sem',
    temporary_break: 'Potrebujem premor',
    other: 'Drugo',
  },
  noteLabel: 'Bi nam želeli sporočiti še kaj? (neobvezno)',
  confirmCancel: 'Prekliči naročnino',
  back: 'Nazaj na moj račun',
  refused: (available, required) => `Imate ${points(available)}; ta nagrada zahteva ${points(required)}.`,
  couponHtml: (what, code, until) =>
    `<p>${what}: vaša koda je <code id="coupon-code">${code}</code>. Vnesite jo ob plačilu${until === null ? '' : ` do ${until}`}.</p>`,
  saved: 'Shranjeno. Vaša izbira velja od zdaj.',
  done: {
    skip: 'Preskočeno: naslednja dostava se premakne za en interval.',
    pause: 'Začasno ustavljeno.',
    resume: 'Nadaljevano.',
    cancel: 'Naročnina je preklicana. Hvala, ker ste nam povedali, zakaj.',
  },
  guest: {
    title: 'Nagrade',
    intro: (shop) => `${shop} nagrajuje stalne kupce: vsako naročilo prinese točke, točke pa nagrade.`,
    earn: (n, money) => `Za vsakih ${money} nakupa prejmete ${points(n)}.`,
    rewards: 'Kaj dobite za točke',
    signIn: (shop) =>
      `Pridružite se z naročilom pri ${shop}; svoje točke vidite v svojem računu v trgovini ali prek povezave v naših e-sporočilih.`,
  },
};

export const ACCOUNT_TEXTS: Readonly<Record<AccountLocale, AccountTexts>> = { en, ko, ja, sl };

function isLocale(tag: string): tag is AccountLocale {
  return (ACCOUNT_LOCALES as readonly string[]).includes(tag);
}

/**
 * The page's language: `?lang=` (or the form's `lang` field) when it is one of ours, else the
 * first of Accept-Language's languages we have, by quality; else English.
 */
export function accountLocale(asked: string | undefined, acceptLanguage: string | undefined): AccountLocale {
  const direct = asked?.trim().toLowerCase().split('-')[0];
  if (direct !== undefined && isLocale(direct)) return direct;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find((m) => m !== null);
      return { tag: tag.trim().toLowerCase().split('-')[0], q: q ? Number(q[1]) : 1, index };
    })
    .filter((entry) => entry.tag !== '' && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.map((entry) => entry.tag).find(isLocale) ?? 'en';
}
