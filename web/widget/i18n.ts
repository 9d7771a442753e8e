/**
 * The widget's words in its four languages (the seeds' own: English, Korean, Japanese, Slovenian).
 * Counted words go through Intl.PluralRules, so Slovenian gets its four forms (1 točka, 2 točki,
 * 3 točke, 5 točk); Korean and Japanese have one.
 */
export const LOCALES = ['en', 'ko', 'ja', 'sl'] as const;
export type Locale = (typeof LOCALES)[number];

type Forms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

export interface Messages {
  title: string;
  launcher: string;
  close: string;
  loading: string;
  hello: string;
  available: string;
  pending: string;
  points: Forms;
  tier: string;
  noTier: string;
  toNext: string;
  topTier: string;
  waysToEarn: string;
  earnRate: string;
  cashback: string;
  referFriend: string;
  actionNames: Record<string, string>;
  actionOnce: string;
  actionYearly: string;
  rewards: string;
  catalogue: string;
  redeem: string;
  redeeming: string;
  needMore: string;
  amountOff: string;
  percentOff: string;
  freeShipping: string;
  freeProduct: string;
  minSubtotal: string;
  validDays: Forms;
  yourCode: string;
  redeemed: string;
  copy: string;
  copied: string;
  copyFailed: string;
  referral: string;
  referralText: string;
  referralLink: string;
  email: string;
  share: string;
  shareSubject: string;
  shareBody: string;
  challenges: string;
  challengeProgress: string;
  deadline: string;
  bonus: string;
  membership: string;
  membershipStatus: Record<string, string>;
  tiers: string;
  tierFrom: string;
  perkMultiplier: string;
  perkFreeShipping: string;
  perkCoupon: string;
  join: string;
  joinText: string;
  noProgram: string;
  error: string;
  retry: string;
  expired: string;
  notEnough: string;
}

const en: Messages = {
  title: 'Rewards',
  launcher: 'Rewards',
  close: 'Close',
  loading: 'Loading…',
  hello: 'Hi {name}',
  available: 'Available',
  pending: 'Pending',
  points: { one: '{n} point', other: '{n} points' },
  tier: 'Your tier: {name}',
  noTier: 'No tier yet',
  toNext: '{missing} more to reach {name}',
  topTier: 'You are in the top tier',
  waysToEarn: 'Ways to earn',
  earnRate: '{points} for every {money} spent',
  cashback: '{percent}% of your first order back as points',
  referFriend: 'Refer a friend: {you} for you, {them} for them',
  actionNames: {
    signup: 'Create an account',
    newsletter: 'Join the newsletter',
    review: 'Write a review',
    birthday: 'Celebrate your birthday',
  },
  actionOnce: 'once',
  actionYearly: 'every year',
  rewards: 'Rewards to redeem',
  catalogue: 'Rewards you can get',
  redeem: 'Redeem',
  redeeming: 'Redeeming…',
  needMore: '{points} more needed',
  amountOff: '{money} off',
  percentOff: '{percent}% off',
  freeShipping: 'Free shipping',
  freeProduct: 'A free product ({sku})',
  minSubtotal: 'on orders from {money}',
  validDays: { one: 'valid {n} day', other: 'valid {n} days' },
  yourCode: 'Your code: {code}',
  redeemed: 'Redeemed: {reward}. Your code is {code}.',
  copy: 'Copy',
  copied: 'Copied',
  copyFailed: 'Could not copy: select the text and copy it',
  referral: 'Refer a friend',
  referralText: 'Share your link: your friend gets {them}, you get {you} after their first order.',
  referralLink: 'Your referral link',
  email: 'Email',
  share: 'Share',
  shareSubject: 'A gift from {shop}',
  shareBody: 'I shop at {shop}. Use my link to get a welcome reward: {link}',
  challenges: 'Your challenges',
  challengeProgress: '{progress} of {target} orders',
  deadline: 'until {date}',
  bonus: '{points} bonus',
  membership: 'Membership',
  membershipStatus: {
    active: 'Active',
    trialing: 'Trial',
    paused: 'Paused',
    past_due: 'Payment due',
    cancelled: 'Cancelled',
    expired: 'Ended',
  },
  tiers: 'Tiers',
  tierFrom: 'from {threshold}',
  perkMultiplier: '{factor}× points',
  perkFreeShipping: 'free shipping',
  perkCoupon: '{percent}% member discount',
  join: 'Join now',
  joinText: 'Join {shop} rewards: earn points on every order and turn them into discounts.',
  noProgram: 'This shop has no rewards program yet.',
  error: 'Your rewards could not be loaded. Please try again later.',
  retry: 'Try again',
  expired: 'Your session has expired. Reload the page to see your rewards.',
  notEnough: 'You do not have enough points for this reward any more.',
};

const ko: Messages = {
  title: '리워드',
  launcher: '리워드',
  close: '닫기',
  loading: '불러오는 중…',
  hello: '{name}님, 안녕하세요',
  available: '사용 가능',
  pending: '적립 예정',
  points: { other: '{n}포인트' },
  tier: '현재 등급: {name}',
  noTier: '아직 등급이 없습니다',
  toNext: '{name} 등급까지 {missing} 남았습니다',
  topTier: '최고 등급입니다',
  waysToEarn: '포인트 적립 방법',
  earnRate: '{money} 구매할 때마다 {points}',
  cashback: '첫 주문 금액의 {percent}%를 포인트로 돌려드립니다',
  referFriend: '친구 추천: 나에게 {you}, 친구에게 {them}',
  actionNames: {
    signup: '회원 가입',
    newsletter: '뉴스레터 구독',
    review: '리뷰 작성',
    birthday: '생일 축하',
  },
  actionOnce: '1회',
  actionYearly: '매년',
  rewards: '교환 가능한 리워드',
  catalogue: '받을 수 있는 리워드',
  redeem: '교환하기',
  redeeming: '교환 중…',
  needMore: '{points} 더 필요합니다',
  amountOff: '{money} 할인',
  percentOff: '{percent}% 할인',
  freeShipping: '무료 배송',
  freeProduct: '무료 상품 ({sku})',
  minSubtotal: '{money} 이상 주문 시',
  validDays: { other: '{n}일간 유효' },
  yourCode: '쿠폰 코드: {code}',
  redeemed: '{reward} 교환 완료. 쿠폰 코드는 {code}입니다.',
  copy: '복사',
  copied: '복사했습니다',
  copyFailed: '복사하지 못했습니다. 텍스트를 선택해 복사해 주세요',
  referral: '친구 추천',
  referralText: '링크를 공유하세요. 친구는 {them}, 나는 친구의 첫 주문 후 {you}를 받습니다.',
  referralLink: '내 추천 링크',
  email: '이메일',
  share: '공유',
  shareSubject: '{shop}에서 보내는 선물',
  shareBody: '{shop}에서 쇼핑하고 있어요. 제 링크로 가입하면 환영 리워드를 받을 수 있어요: {link}',
  challenges: '나의 챌린지',
  challengeProgress: '주문 {target}건 중 {progress}건',
  deadline: '{date}까지',
  bonus: '보너스 {points}',
  membership: '멤버십',
  membershipStatus: {
    active: '이용 중',
    trialing: '체험 중',
    paused: '일시 정지',
    past_due: '결제 필요',
    cancelled: '해지됨',
    expired: '종료됨',
  },
  tiers: '등급',
  tierFrom: '{threshold}부터',
  perkMultiplier: '포인트 {factor}배',
  perkFreeShipping: '무료 배송',
  perkCoupon: '회원 {percent}% 할인',
  join: '지금 가입하기',
  joinText: '{shop} 리워드에 가입하고 주문할 때마다 포인트를 적립해 할인으로 바꾸세요.',
  noProgram: '이 상점에는 아직 리워드 프로그램이 없습니다.',
  error: '리워드를 불러오지 못했습니다. 잠시 후 다시 시도해 주세요.',
  retry: '다시 시도',
  expired: '세션이 만료되었습니다. 페이지를 새로 고쳐 리워드를 확인하세요.',
  notEnough: '이 리워드에 필요한 포인트가 부족합니다.',
};

const ja: Messages = {
  title: 'リワード',
  launcher: 'リワード',
  close: '閉じる',
  loading: '読み込み中…',
  hello: '{name}さん、こんにちは',
  available: '利用可能',
  pending: '付与予定',
  points: { other: '{n}ポイント' },
  tier: '現在のランク: {name}',
  noTier: 'まだランクはありません',
  toNext: '{name}まであと{missing}',
  topTier: '最上位ランクです',
  waysToEarn: 'ポイントの貯め方',
  earnRate: '{money}のお買い物ごとに{points}',
  cashback: '初回注文金額の{percent}%をポイントで還元',
  referFriend: 'お友達紹介: あなたに{you}、お友達に{them}',
  actionNames: {
    signup: 'アカウント登録',
    newsletter: 'メールマガジン登録',
    review: 'レビューを書く',
    birthday: 'お誕生日',
  },
  actionOnce: '1回',
  actionYearly: '毎年',
  rewards: '交換できる特典',
  catalogue: 'もらえる特典',
  redeem: '交換する',
  redeeming: '交換中…',
  needMore: 'あと{points}必要です',
  amountOff: '{money}引き',
  percentOff: '{percent}%オフ',
  freeShipping: '送料無料',
  freeProduct: '無料商品 ({sku})',
  minSubtotal: '{money}以上のご注文で',
  validDays: { other: '{n}日間有効' },
  yourCode: 'クーポンコード: {code}',
  redeemed: '{reward}と交換しました。クーポンコードは{code}です。',
  copy: 'コピー',
  copied: 'コピーしました',
  copyFailed: 'コピーできませんでした。テキストを選択してコピーしてください',
  referral: 'お友達紹介',
  referralText: 'リンクをシェアしましょう。お友達は{them}、あなたはお友達の初回注文後に{you}を受け取れます。',
  referralLink: 'あなたの紹介リンク',
  email: 'メール',
  share: 'シェア',
  shareSubject: '{shop}からのプレゼント',
  shareBody: '{shop}で買い物をしています。私のリンクから登録すると特典がもらえます: {link}',
  challenges: 'あなたのチャレンジ',
  challengeProgress: '{target}件中{progress}件の注文',
  deadline: '{date}まで',
  bonus: 'ボーナス{points}',
  membership: 'メンバーシップ',
  membershipStatus: {
    active: '有効',
    trialing: 'お試し中',
    paused: '一時停止中',
    past_due: 'お支払い待ち',
    cancelled: '解約済み',
    expired: '終了',
  },
  tiers: 'ランク',
  tierFrom: '{threshold}から',
  perkMultiplier: 'ポイント{factor}倍',
  perkFreeShipping: '送料無料',
  perkCoupon: '会員{percent}%割引',
  join: '今すぐ登録',
  joinText: '{shop}のリワードに登録して、ご注文ごとにポイントを貯めて割引に交換しましょう。',
  noProgram: 'このショップにはまだリワードプログラムがありません。',
  error: 'リワードを読み込めませんでした。しばらくしてからもう一度お試しください。',
  retry: '再試行',
  expired: 'セッションの有効期限が切れました。ページを再読み込みしてリワードをご確認ください。',
  notEnough: 'この特典に必要なポイントが足りません。',
};

const sl: Messages = {
  title: 'Nagrade',
  launcher: 'Nagrade',
  close: 'Zapri',
  loading: 'Nalaganje …',
  hello: 'Pozdravljeni, {name}',
  available: 'Na voljo',
  pending: 'V čakanju',
  points: { one: '{n} točka', two: '{n} točki', few: '{n} točke', other: '{n} točk' },
  tier: 'Vaša raven: {name}',
  noTier: 'Še brez ravni',
  toNext: 'Do ravni {name} manjka še {missing}',
  topTier: 'Ste na najvišji ravni',
  waysToEarn: 'Kako zbirati točke',
  earnRate: '{points} za vsakih {money} nakupa',
  cashback: '{percent} % prvega naročila vrnemo v točkah',
  referFriend: 'Priporočite prijatelju: {you} za vas, {them} za prijatelja',
  actionNames: {
    signup: 'Ustvarite račun',
    newsletter: 'Prijavite se na novice',
    review: 'Napišite oceno',
    birthday: 'Rojstni dan',
  },
  actionOnce: 'enkrat',
  actionYearly: 'vsako leto',
  rewards: 'Nagrade za unovčenje',
  catalogue: 'Nagrade, ki jih lahko dobite',
  redeem: 'Unovči',
  redeeming: 'Unovčevanje …',
  needMore: 'Manjka še {points}',
  amountOff: '{money} popusta',
  percentOff: '{percent} % popusta',
  freeShipping: 'Brezplačna dostava',
  freeProduct: 'Brezplačen izdelek ({sku})',
  minSubtotal: 'pri naročilih od {money}',
  validDays: { one: 'velja {n} dan', two: 'velja {n} dneva', few: 'velja {n} dni', other: 'velja {n} dni' },
  yourCode: 'Vaša koda: {code}',
  redeemed: 'Unovčeno: {reward}. Vaša koda je {code}.',
  copy: 'Kopiraj',
  copied: 'Kopirano',
  copyFailed: 'Kopiranje ni uspelo: označite besedilo in ga kopirajte',
  referral: 'Priporočite prijatelju',
  referralText: 'Delite svojo povezavo: prijatelj dobi {them}, vi pa {you} po njegovem prvem naročilu.',
  referralLink: 'Vaša povezava za priporočila',
  email: 'E-pošta',
  share: 'Deli',
  shareSubject: 'Darilo trgovine {shop}',
  shareBody: 'Nakupujem v trgovini {shop}. Z mojo povezavo dobite nagrado dobrodošlice: {link}',
  challenges: 'Vaši izzivi',
  challengeProgress: '{progress} od {target} naročil',
  deadline: 'do {date}',
  bonus: 'bonus {points}',
  membership: 'Članstvo',
  membershipStatus: {
    active: 'Aktivno',
    trialing: 'Preizkus',
    paused: 'Začasno ustavljeno',
    past_due: 'Plačilo zapadlo',
    cancelled: 'Preklicano',
    expired: 'Končano',
  },
  tiers: 'Ravni',
  tierFrom: 'od {threshold}',
  perkMultiplier: '{factor}× točke',
  perkFreeShipping: 'brezplačna dostava',
  perkCoupon: '{percent} % popusta za člane',
  join: 'Pridružite se',
  joinText: 'Pridružite se programu zvestobe {shop}: za vsako naročilo zberite točke in jih zamenjajte za popuste.',
  noProgram: 'Ta trgovina še nima programa zvestobe.',
  error: 'Vaših nagrad ni bilo mogoče naložiti. Poskusite znova pozneje.',
  retry: 'Poskusi znova',
  expired: 'Vaša seja je potekla. Znova naložite stran, da vidite svoje nagrade.',
  notEnough: 'Za to nagrado nimate več dovolj točk.',
};

export const MESSAGES: Record<Locale, Messages> = { en, ko, ja, sl };

/** The first of the given language tags the widget speaks (by primary subtag), else English. */
export function pickLocale(...tags: (string | null | undefined)[]): Locale {
  for (const tag of tags) {
    if (!tag) continue;
    const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
    if ((LOCALES as readonly string[]).includes(primary)) return primary as Locale;
  }
  return 'en';
}

/** Replaces {name} placeholders with the values given. */
export function fill(text: string, values: Record<string, string | number> = {}): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/** The plural form of `forms` for n in the locale, with {n} filled in (formatted for the locale). */
export function plural(locale: Locale, forms: Forms, n: number): string {
  const rule = new Intl.PluralRules(locale).select(n);
  return fill(forms[rule] ?? forms.other, { n: new Intl.NumberFormat(locale).format(n) });
}
