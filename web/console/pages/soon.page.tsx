import { PageHeading } from '../components/page-heading.tsx';
import type { PageProps } from '../page.ts';

/** A section whose page is still to come: its place in the navigation, and where to do it meanwhile. */
export function SoonPage({ i18n, route, headingId }: PageProps) {
  return (
    <section aria-labelledby={headingId}>
      <PageHeading id={headingId}>{i18n.t(route.label)}</PageHeading>
      <p>{i18n.t('page.soon.body')}</p>
    </section>
  );
}
