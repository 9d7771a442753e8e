import { Customer360 } from '../components/customers/customer-360.tsx';
import { CustomerList } from '../components/customers/customer-list.tsx';
import type { PageProps } from '../page.ts';

/** /customers is the search list; /customers/{id} the customer's 360 page. */
export function CustomersPage(props: PageProps) {
  const match = /^\/customers\/([^/]+)\/?$/.exec(props.path);
  return match ? <Customer360 {...props} id={decodeURIComponent(match[1])} /> : <CustomerList {...props} />;
}
