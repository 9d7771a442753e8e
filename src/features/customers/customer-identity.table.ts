/** Another source id of a customer (customers.external_id holds the first): see the baseline migration. */
export interface CustomerIdentityTable {
  store_id: string;
  external_id: string;
  customer_id: string;
  /** How it was attached: 'email', 'phone' or 'merge'. */
  matched_by: string;
  created_at: string;
}

/** One `regulars customers merge`: who merged which customer into which, and what moved. */
export interface CustomerMergeTable {
  store_id: string;
  /** 'mrg_...' */
  id: string;
  into_customer_id: string;
  from_customer_id: string;
  from_external_id: string;
  actor: string;
  /** JSON: rows moved and dropped per table. */
  moved: string;
  merged_at: string;
}
