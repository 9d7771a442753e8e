import type { Catalogue } from '../locales.ts';

/** 設定ページの文言 (en/settings.ts の翻訳)。 */
export const settingsJa: Catalogue = {
  'settings.title': '設定',
  'settings.lede': 'ショップの情報、メッセージの送り方、このストアに接続できる人とシステム。',
  'settings.readOnly': '閲覧のみ可能です: {reason}',
  'settings.readOnly.owner': '設定を変更できるのはオーナーだけで、あなたは{role}です。',
  'settings.saved': '保存しました。',
  'settings.done': '完了しました。',
  'settings.refused': '保存できませんでした。{message}',
  'settings.actions': '操作',

  'settings.shop': 'ショッププロフィール',
  'settings.shop.help':
    'すべてのメッセージに載るショップの情報です。マーケティングメールにはウェブアドレスと住所が必要です。',
  'settings.shop.name': 'ショップ名',
  'settings.shop.url': 'ウェブアドレス',
  'settings.shop.supportEmail': 'サポート用メール',
  'settings.shop.address': '住所',
  'settings.shop.locale': 'メッセージの言語 (例: ja-JP)',
  'settings.shop.save': 'プロフィールを保存',

  'settings.delivery': '配信',
  'settings.delivery.help':
    'すべてのメッセージが送信時に通るルールです。変更は配信ワーカーが次に送るメッセージから適用されます。',
  'settings.delivery.timeZone': 'ストアのタイムゾーン',
  'settings.delivery.timeZone.placeholder': '例: Asia/Tokyo',
  'settings.delivery.timeZone.help':
    '独自のタイムゾーンを持たない顧客に使う IANA タイムゾーンです。空欄なら UTC です。',
  'settings.delivery.zoneUnknown':
    '「{zone}」はこのブラウザが知らないタイムゾーンです。Asia/Tokyo のように一覧から選んでください。',
  'settings.delivery.quietHours': '配信停止時間',
  'settings.delivery.quietHours.on': '配信停止時間中はマーケティングメッセージを保留する',
  'settings.delivery.quietHours.start': '開始',
  'settings.delivery.quietHours.end': '終了',
  'settings.delivery.quietHours.help':
    '各顧客の現地時間で判断します。停止時間中に送る予定のメッセージは、その時間が終わるまで待ちます。注文のお知らせは保留しません。',
  'settings.delivery.cap': '配信頻度の上限',
  'settings.delivery.cap.maxPerWindow': '最大メッセージ数',
  'settings.delivery.cap.windowDays': '期間 (日数)',
  'settings.delivery.cap.minHours': '2 通の間隔 (時間)',
  'settings.delivery.cap.help':
    '上限を超えるマーケティングメッセージはスキップまたは延期します。注文のお知らせには上限がありません。',
  'settings.delivery.holdout': 'ホールドアウト',
  'settings.delivery.holdout.share': '除外する割合 (%)',
  'settings.delivery.holdout.help':
    '各フローの顧客のうち何も受け取らない割合です。この人たちと比べてフローの効果を測ります。',
  'settings.delivery.holdout.perFlow': 'フローごとのホールドアウト割合',
  'settings.delivery.holdout.flow': 'フロー',
  'settings.delivery.holdout.add': 'フローごとの割合を追加',
  'settings.delivery.holdout.remove': '{flow} を削除',
  'settings.delivery.save': '配信設定を保存',

  'settings.keys': 'API キー',
  'settings.keys.help':
    'キーがあるとショップのシステムが HTTP API を使えます。キーは作成時に一度だけ表示され、一覧には先頭部分だけが表示されます。',
  'settings.keys.name': '名前',
  'settings.keys.prefix': '先頭',
  'settings.keys.createdAt': '作成日',
  'settings.keys.lastUsed': '最終使用',
  'settings.keys.never': 'なし',
  'settings.keys.state': '状態',
  'settings.keys.active': '有効',
  'settings.keys.revokedAt': '{date} に無効化',
  'settings.keys.revoke': '{name} を無効化',
  'settings.keys.revoke.confirm':
    'キー「{name}」({prefix}…) を無効化しますか? このキーを使うシステムは数秒以内に動かなくなります。',
  'settings.keys.newName': '新しいキーの名前 (使う場所)',
  'settings.keys.create': 'キーを作成',
  'settings.keys.created': 'キー「{name}」を作成しました。今すぐコピーしてください:',
  'settings.keys.secret': '新しい API キー',
  'settings.keys.copy': 'コピー',
  'settings.keys.copied': 'コピーしました',
  'settings.keys.once': 'キーは保存されず、二度と表示できません。',
  'settings.keys.hide': '保管しました: 隠す',

  'settings.shopify': 'Shopify',
  'settings.shopify.help':
    'Shopify アプリの共有シークレットで、Webhook が Shopify から来たことを確かめます。置き換えはできますが、読み出すことはできません。',
  'settings.shopify.isSet': 'シークレットが設定されているため、Shopify の Webhook を受け付けます。',
  'settings.shopify.notSet': 'シークレットがないため、Shopify の Webhook を拒否します。',
  'settings.shopify.webhook': 'Webhook のアドレス: {url}',
  'settings.shopify.set': '共有シークレット',
  'settings.shopify.replace': '新しい共有シークレット (現在のものを置き換え)',
  'settings.shopify.save': 'シークレットを保存',
  'settings.shopify.disconnect': 'シークレットを削除',
  'settings.shopify.disconnect.confirm':
    'シークレットを削除しますか? 新しいものを設定するまで Shopify の Webhook を拒否します。',

  'settings.shopifyApp': 'Shopify アプリ',
  'settings.shopifyApp.help':
    'Regulars をアプリとしてショップにインストールします。Webhook の登録と署名は自動で行われ、プライバシー要求にも応答します。',
  'settings.shopifyApp.state': '状態',
  'settings.shopifyApp.state.not_connected': '未インストール',
  'settings.shopifyApp.state.installed': 'インストール済み',
  'settings.shopifyApp.state.uninstalled': 'アンインストール済み',
  'settings.shopifyApp.state.redacted': 'アンインストール済み（ショップのデータは消去済み）',
  'settings.shopifyApp.shop': 'ショップ',
  'settings.shopifyApp.scopes': '許可されたアクセス',
  'settings.shopifyApp.missing': '不足しているアクセス',
  'settings.shopifyApp.installedAt': 'インストール日時',
  'settings.shopifyApp.uninstalledAt': 'アンインストール日時',
  'settings.shopifyApp.webhooks': 'Webhook',
  'settings.shopifyApp.webhooks.count': '{count} 件登録済み（{when}）',
  'settings.shopifyApp.webhookError': '前回の登録に失敗しました',
  'settings.shopifyApp.notConfigured': 'このサーバーには Shopify アプリがまだ設定されていません（docs/shopify.md）。',
  'settings.shopifyApp.shopField': 'ショップのドメイン',
  'settings.shopifyApp.connect': 'インストール用リンクを取得',
  'settings.shopifyApp.open': 'ショップのオーナーとしてこのリンクを開いてください（30 分間有効）：',

  'settings.webhooks': '送信 Webhook',
  'settings.webhooks.help':
    'Regulars が署名付き（Standard Webhooks）でイベントを送る宛先です。regulars webhooks add または API で追加します。シークレットは一度だけ表示されます。',
  'settings.webhooks.none':
    'エンドポイントはまだありません: regulars webhooks add --store ID --url URL --event NAME で追加してください (docs/webhooks.md)。',
  'settings.webhooks.enabled': 'イベントを受信中です。',
  'settings.webhooks.failing':
    '{since} から失敗中（{count} 回連続）。間隔を空けて再試行し、1 日失敗が続くと停止します。',
  'settings.webhooks.disabled': '{since} に停止: {reason}。再開するまでイベントはキューに入りません。',
  'settings.webhooks.disabledNotice':
    '失敗が続いたため Webhook エンドポイント {count} 件が停止しました: それ以降のイベントは送信されていません。',
  'settings.webhooks.enable': '{url} を再開',

  'settings.users': 'スタッフ',
  'settings.users.help':
    'オーナーはすべてを変更でき、マーケターはメッセージ送信と特典の作成ができ、閲覧者は見るだけです。',
  'settings.users.email': 'メール',
  'settings.users.role': '役割',
  'settings.users.roleOf': '{email} の役割',
  'settings.users.since': '追加日',
  'settings.users.you': '(あなた)',
  'settings.users.remove': '{email} を削除',
  'settings.users.remove.confirm': '{email} を削除しますか? 開いているセッションはすぐに終了します。',
  'settings.users.add': 'スタッフを追加',
  'settings.users.password': 'パスワード',
  'settings.users.password.help': '{min} 文字以上。直接会って、または別の手段で伝えてください。',
  'settings.users.create': 'スタッフを追加',
};
