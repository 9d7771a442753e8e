import type { Catalogue } from '../locales.ts';

/** The shell (header, navigation, page states) in Korean. */
export const shellKo = {
  'app.name': 'Regulars',
  'app.skipToContent': '본문으로 건너뛰기',
  'app.loading': '불러오는 중…',
  'app.error': '문제가 발생했습니다: {message}',
  'app.retry': '다시 시도',
  'app.signedInAs': '{email}({role}) 계정으로 로그인함',
  'app.store': '상점: {name}',
  'app.signOut': '로그아웃',
  'app.menu': '메뉴',
  'app.closeMenu': '메뉴 닫기',
  'app.mainNavigation': '주 메뉴',
  'app.devMode': '개발 모드: API 키로 로그인함',
  'app.pageTitle': '{page} · Regulars',

  'role.owner': '소유자',
  'role.marketer': '마케터',
  'role.viewer': '열람자',

  'nav.overview': '개요',
  'nav.customers': '고객',
  'nav.segments': '세그먼트',
  'nav.campaigns': '캠페인',
  'nav.flows': '플로우',
  'nav.loyalty': '로열티 및 혜택',
  'nav.messages': '메시지',
  'nav.settings': '설정',

  'page.notFound.title': '페이지를 찾을 수 없습니다',
  'page.notFound.body': '{path}에는 페이지가 없습니다.',
  'page.notFound.home': '개요로 이동',
  'page.soon.body':
    '이 페이지는 준비 중입니다. 그동안에는 regulars 명령줄이나 HTTP API로 같은 작업을 할 수 있습니다(/docs 참조).',
} as const satisfies Catalogue;
