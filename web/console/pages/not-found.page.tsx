import { PageHeading } from '../components/page-heading.tsx';
import type { PageProps } from '../page.ts';

export function NotFoundPage({ i18n, path, headingId }: PageProps) {
  return (
    <section aria-labelledby={headingId}>
      <PageHeading id={headingId}>{i18n.t('page.notFound.title')}</PageHeading>
      <p>{i18n.t('page.notFound.body', { path })}</p>
      <p>
        <a href="/">{i18n.t('page.notFound.home')}</a>
      </p>
    </section>
  );
}
