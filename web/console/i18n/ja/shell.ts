import type { Catalogue } from '../locales.ts';

/** The shell (header, navigation, page states) in Japanese. */
export const shellJa = {
  'app.name': 'Regulars',
  'app.skipToContent': 'メインコンテンツへスキップ',
  'app.loading': '読み込み中…',
  'app.error': '問題が発生しました: {message}',
  'app.retry': '再試行',
  'app.signedInAs': '{email}({role})としてサインイン中',
  'app.store': 'ストア: {name}',
  'app.signOut': 'サインアウト',
  'app.menu': 'メニュー',
  'app.closeMenu': 'メニューを閉じる',
  'app.mainNavigation': 'メイン',
  'app.devMode': '開発モード: APIキーでサインイン中',
  'app.pageTitle': '{page} · Regulars',

  'role.owner': 'オーナー',
  'role.marketer': 'マーケター',
  'role.viewer': '閲覧者',

  'nav.overview': '概要',
  'nav.customers': '顧客',
  'nav.segments': 'セグメント',
  'nav.campaigns': 'キャンペーン',
  'nav.flows': 'フロー',
  'nav.loyalty': 'ロイヤルティと特典',
  'nav.messages': 'メッセージ',
  'nav.settings': '設定',

  'page.notFound.title': 'ページが見つかりません',
  'page.notFound.body': '{path} にページはありません。',
  'page.notFound.home': '概要へ移動',
  'page.soon.body':
    'このページは準備中です。それまでは regulars コマンドラインまたは HTTP API で同じ操作ができます(/docs を参照)。',
} as const satisfies Catalogue;
