-- The schema that src/platform/database/migrations builds, identical on SQLite and PostgreSQL.
-- Generated from the migrated databases by src/platform/database/schema.store.test.ts, which fails
-- when this file and the migrations disagree; after changing a migration, regenerate it with
--   npx vitest run src/platform/database/schema.store.test.ts -u
-- and review the difference. Types: text; integer (32-bit); bigint (64-bit: money in minor units).
-- Every table carries store_id and every key and index starts with it, except the lookup of an
-- API key by its prefix (docs/storage.md, "Scale-out").

CREATE TABLE stores (
  id              text  NOT NULL,
  name            text  NOT NULL,
  shopify_secret  text,
  created_at      text  NOT NULL,
  PRIMARY KEY (id)
);

CREATE TABLE api_keys (
  store_id      text  NOT NULL,
  id            text  NOT NULL,
  prefix        text  NOT NULL,
  hash          text  NOT NULL,
  name          text  NOT NULL,
  created_at    text  NOT NULL,
  revoked_at    text,
  last_used_at  text,
  PRIMARY KEY (store_id, id),
  FOREIGN KEY (store_id) REFERENCES stores (id)
);
CREATE INDEX api_keys_prefix ON api_keys (prefix);

CREATE TABLE staff_users (
  store_id       text     NOT NULL,
  id             text     NOT NULL,
  email          text     NOT NULL,
  email_key      text     NOT NULL,
  role           text     NOT NULL,
  password_hash  text     NOT NULL,
  failed_logins  integer  NOT NULL,
  locked_until   text,
  created_at     text     NOT NULL,
  PRIMARY KEY (store_id, id),
  FOREIGN KEY (store_id) REFERENCES stores (id)
);
CREATE UNIQUE INDEX staff_users_email_key ON staff_users (store_id, email_key);
CREATE INDEX staff_users_login ON staff_users (email_key);

CREATE TABLE staff_sessions (
  store_id      text  NOT NULL,
  id            text  NOT NULL,
  user_id       text  NOT NULL,
  token_hash    text  NOT NULL,
  csrf_token    text  NOT NULL,
  created_at    text  NOT NULL,
  last_seen_at  text  NOT NULL,
  expires_at    text  NOT NULL,
  PRIMARY KEY (store_id, id),
  FOREIGN KEY (store_id, user_id) REFERENCES staff_users (store_id, id)
);
CREATE UNIQUE INDEX staff_sessions_token ON staff_sessions (token_hash);

CREATE TABLE overview_snapshots (
  store_id     text     NOT NULL,
  version      text     NOT NULL,
  body         text     NOT NULL,
  compute_ms   integer  NOT NULL,
  computed_at  text     NOT NULL,
  PRIMARY KEY (store_id),
  FOREIGN KEY (store_id) REFERENCES stores (id)
);

CREATE TABLE customers (
  store_id           text  NOT NULL,
  id                 text  NOT NULL,
  external_id        text  NOT NULL,
  email              text,
  phone              text,
  first_name         text,
  last_name          text,
  birthday           text,
  time_zone          text,
  locale             text,
  tags               text  NOT NULL,
  attributes         text  NOT NULL,
  created_at         text  NOT NULL,
  updated_at         text  NOT NULL,
  source_updated_at  text,
  email_key          text,
  phone_key          text,
  PRIMARY KEY (store_id, id),
  FOREIGN KEY (store_id) REFERENCES stores (id)
);
CREATE INDEX customers_email ON customers (store_id, email);
CREATE INDEX customers_email_key ON customers (store_id, email_key);
CREATE UNIQUE INDEX customers_external_id ON customers (store_id, external_id);
CREATE INDEX customers_phone_key ON customers (store_id, phone_key);

CREATE TABLE consent_records (
  store_id          text  NOT NULL,
  id                text  NOT NULL,
  customer_id       text  NOT NULL,
  channel           text  NOT NULL,
  purpose           text  NOT NULL,
  status            text  NOT NULL,
  source            text  NOT NULL,
  ip                text,
  double_opt_in_at  text,
  recorded_at       text  NOT NULL,
  PRIMARY KEY (store_id, id),
  FOREIGN KEY (store_id, customer_id) REFERENCES customers (store_id, id)
);
CREATE INDEX consent_records_customer ON consent_records (store_id, customer_id, channel, recorded_at);

CREATE TABLE products (
  store_id            text     NOT NULL,
  id                  text     NOT NULL,
  sku                 text     NOT NULL,
  title               text     NOT NULL,
  category            text,
  price_minor         bigint,
  currency            text,
  replenishment_days  integer,
  complements         text     NOT NULL,
  upgrade_to          text,
  handle              text,
  source_updated_at   text,
  PRIMARY KEY (store_id, id),
  FOREIGN KEY (store_id) REFERENCES stores (id)
);
CREATE UNIQUE INDEX products_sku ON products (store_id, sku);

CREATE TABLE orders (
  store_id             text     NOT NULL,
  id                   text     NOT NULL,
  external_id          text     NOT NULL,
  customer_id          text     NOT NULL,
  ordered_at           text     NOT NULL,
  order_day            integer  NOT NULL,
  currency             text     NOT NULL,
  subtotal_minor       bigint   NOT NULL,
  discount_minor       bigint   NOT NULL,
  shipping_minor       bigint   NOT NULL,
  total_minor          bigint   NOT NULL,
  refunded_minor       bigint   NOT NULL,
  status               text     NOT NULL,
  cancelled_at         text,
  source_updated_at    text,
  created_at           text     NOT NULL,
  updated_at           text     NOT NULL,
  over_refunded_minor  bigint   NOT NULL,
  name                 text,
  PRIMARY KEY (store_id, id),
  FOREIGN KEY (store_id, customer_id) REFERENCES customers (store_id, id)
);
CREATE INDEX orders_customer ON orders (store_id, customer_id, order_day);
CREATE INDEX orders_day ON orders (store_id, order_day);
CREATE UNIQUE INDEX orders_external_id ON orders (store_id, external_id);
CREATE INDEX orders_updated ON orders (store_id, updated_at, id);

CREATE TABLE order_lines (
  store_id     text     NOT NULL,
  order_id     text     NOT NULL,
  line_no      integer  NOT NULL,
  sku          text,
  title        text     NOT NULL,
  category     text,
  quantity     integer  NOT NULL,
  price_minor  bigint   NOT NULL,
  total_minor  bigint   NOT NULL,
  PRIMARY KEY (store_id, order_id, line_no),
  FOREIGN KEY (store_id, order_id) REFERENCES orders (store_id, id) ON DELETE CASCADE
);
CREATE INDEX order_lines_sku ON order_lines (store_id, sku, order_id);

CREATE TABLE customer_events (
  store_id     text  NOT NULL,
  id           text  NOT NULL,
  customer_id  text  NOT NULL,
  kind         text  NOT NULL,
  occurred_at  text  NOT NULL,
  payload      text  NOT NULL,
  PRIMARY KEY (store_id, id),
  FOREIGN KEY (store_id, customer_id) REFERENCES customers (store_id, id)
);
CREATE INDEX customer_events_customer ON customer_events (store_id, customer_id, occurred_at);
CREATE INDEX customer_events_kind ON customer_events (store_id, kind, occurred_at);

CREATE TABLE idempotency_keys (
  store_id         text     NOT NULL,
  key              text     NOT NULL,
  request_hash     text     NOT NULL,
  response_status  integer,
  response_body    text,
  created_at       text     NOT NULL,
  PRIMARY KEY (store_id, key),
  FOREIGN KEY (store_id) REFERENCES stores (id)
);

CREATE TABLE webhook_deliveries (
  store_id     text  NOT NULL,
  delivery_id  text  NOT NULL,
  topic        text  NOT NULL,
  received_at  text  NOT NULL,
  PRIMARY KEY (store_id, delivery_id),
  FOREIGN KEY (store_id) REFERENCES stores (id)
);

CREATE TABLE loyalty_ledger (
  store_id      text     NOT NULL,
  id            text     NOT NULL,
  customer_id   text     NOT NULL,
  kind          text     NOT NULL,
  points        integer  NOT NULL,
  source_key    text     NOT NULL,
  reason        text     NOT NULL,
  posted_at     text     NOT NULL,
  available_at  text     NOT NULL,
  PRIMARY KEY (store_id, id),
  FOREIGN KEY (store_id, customer_id) REFERENCES customers (store_id, id)
);
CREATE UNIQUE INDEX loyalty_ledger_source_key ON loyalty_ledger (store_id, customer_id, source_key);

CREATE TABLE loyalty_balances (
  store_id      text    NOT NULL,
  customer_id   text    NOT NULL,
  points_total  bigint  NOT NULL,
  PRIMARY KEY (store_id, customer_id),
  FOREIGN KEY (store_id, customer_id) REFERENCES customers (store_id, id)
);

CREATE TABLE coupons (
  store_id            text     NOT NULL,
  id                  text     NOT NULL,
  code                text     NOT NULL,
  kind                text     NOT NULL,
  value               bigint   NOT NULL,
  min_subtotal_minor  bigint   NOT NULL,
  currency            text,
  usage_limit         integer,
  per_customer_limit  integer,
  uses                integer  NOT NULL,
  valid_from          text,
  valid_until         text,
  created_at          text     NOT NULL,
  scope_skus          text,
  scope_categories    text,
  customer_id         text,
  eligible_tiers      text     NOT NULL,
  eligible_segments   text     NOT NULL,
  combinable          integer  NOT NULL,
  held                integer  NOT NULL,
  PRIMARY KEY (store_id, id),
  FOREIGN KEY (store_id) REFERENCES stores (id)
);
CREATE UNIQUE INDEX coupons_code ON coupons (store_id, code);
CREATE INDEX coupons_customer ON coupons (store_id, customer_id, created_at);

CREATE TABLE coupon_redemptions (
  store_id     text  NOT NULL,
  coupon_id    text  NOT NULL,
  order_id     text  NOT NULL,
  customer_id  text  NOT NULL,
  redeemed_at  text  NOT NULL,
  released_at  text,
  cart_id      text,
  PRIMARY KEY (store_id, coupon_id, order_id),
  FOREIGN KEY (store_id, coupon_id) REFERENCES coupons (store_id, id)
);
CREATE INDEX coupon_redemptions_by_customer ON coupon_redemptions (store_id, customer_id, redeemed_at);
CREATE INDEX coupon_redemptions_customer ON coupon_redemptions (store_id, coupon_id, customer_id);
CREATE INDEX coupon_redemptions_order ON coupon_redemptions (store_id, order_id);

CREATE TABLE store_settings (
  store_id    text  NOT NULL,
  name        text  NOT NULL,
  value       text  NOT NULL,
  updated_at  text  NOT NULL,
  PRIMARY KEY (store_id, name),
  FOREIGN KEY (store_id) REFERENCES stores (id)
);

CREATE TABLE customer_tiers (
  store_id     text  NOT NULL,
  customer_id  text  NOT NULL,
  tier         text,
  since        text,
  period_end   text,
  updated_at   text  NOT NULL,
  PRIMARY KEY (store_id, customer_id),
  FOREIGN KEY (store_id, customer_id) REFERENCES customers (store_id, id)
);
CREATE INDEX customer_tiers_period_end ON customer_tiers (store_id, period_end);

CREATE TABLE referral_codes (
  store_id     text  NOT NULL,
  customer_id  text  NOT NULL,
  code         text  NOT NULL,
  created_at   text  NOT NULL,
  PRIMARY KEY (store_id, customer_id),
  FOREIGN KEY (store_id, customer_id) REFERENCES customers (store_id, id)
);
CREATE UNIQUE INDEX referral_codes_code ON referral_codes (store_id, code);

CREATE TABLE referrals (
  store_id              text     NOT NULL,
  id                    text     NOT NULL,
  referrer_customer_id  text     NOT NULL,
  referred_customer_id  text     NOT NULL,
  code                  text     NOT NULL,
  email                 text,
  ip                    text,
  status                text     NOT NULL,
  reason                text,
  order_id              text,
  referrer_points       integer,
  referred_points       integer,
  created_at            text     NOT NULL,
  decided_at            text,
  PRIMARY KEY (store_id, id),
  FOREIGN KEY (store_id, referred_customer_id) REFERENCES customers (store_id, id),
  FOREIGN KEY (store_id, referrer_customer_id) REFERENCES customers (store_id, id)
);
CREATE INDEX referrals_ip ON referrals (store_id, ip, created_at);
CREATE UNIQUE INDEX referrals_referred ON referrals (store_id, referred_customer_id);
CREATE INDEX referrals_referrer ON referrals (store_id, referrer_customer_id, created_at);

CREATE TABLE challenges (
  store_id          text     NOT NULL,
  id                text     NOT NULL,
  customer_id       text     NOT NULL,
  kind              text     NOT NULL,
  target_orders     integer  NOT NULL,
  target_days       integer,
  target_category   text,
  window_start_day  integer  NOT NULL,
  deadline_day      integer  NOT NULL,
  bonus_points      integer  NOT NULL,
  progress          integer  NOT NULL,
  status            text     NOT NULL,
  issued_week       text     NOT NULL,
  basis             text     NOT NULL,
  issued_at         text     NOT NULL,
  completed_at      text,
  expired_at        text,
  PRIMARY KEY (store_id, id),
  FOREIGN KEY (store_id, customer_id) REFERENCES customers (store_id, id)
);
CREATE UNIQUE INDEX challenges_issued ON challenges (store_id, customer_id, kind, issued_week);
CREATE INDEX challenges_open ON challenges (store_id, status, deadline_day);

CREATE TABLE coupon_reservations (
  store_id     text  NOT NULL,
  coupon_id    text  NOT NULL,
  cart_id      text  NOT NULL,
  id           text  NOT NULL,
  customer_id  text,
  reserved_at  text  NOT NULL,
  expires_at   text  NOT NULL,
  PRIMARY KEY (store_id, coupon_id, cart_id),
  FOREIGN KEY (store_id, coupon_id) REFERENCES coupons (store_id, id)
);
CREATE INDEX coupon_reservations_cart ON coupon_reservations (store_id, cart_id);
CREATE INDEX coupon_reservations_expiry ON coupon_reservations (store_id, expires_at);

CREATE TABLE membership_plans (
  store_id               text     NOT NULL,
  id                     text     NOT NULL,
  code                   text     NOT NULL,
  name                   text     NOT NULL,
  fee_minor              bigint   NOT NULL,
  currency               text     NOT NULL,
  period_months          integer  NOT NULL,
  perks                  text     NOT NULL,
  renewal_reminder_days  integer  NOT NULL,
  created_at             text     NOT NULL,
  PRIMARY KEY (store_id, id),
  FOREIGN KEY (store_id) REFERENCES stores (id)
);
CREATE UNIQUE INDEX membership_plans_code ON membership_plans (store_id, code);

CREATE TABLE memberships (
  store_id              text     NOT NULL,
  id                    text     NOT NULL,
  plan_id               text     NOT NULL,
  customer_id           text     NOT NULL,
  status                text     NOT NULL,
  anchor_at             text     NOT NULL,
  period_index          integer  NOT NULL,
  current_period_start  text     NOT NULL,
  current_period_end    text     NOT NULL,
  cancelled_at          text,
  ended_at              text,
  version               integer  NOT NULL,
  created_at            text     NOT NULL,
  updated_at            text     NOT NULL,
  PRIMARY KEY (store_id, id),
  FOREIGN KEY (store_id, customer_id) REFERENCES customers (store_id, id),
  FOREIGN KEY (store_id, plan_id) REFERENCES membership_plans (store_id, id)
);
CREATE UNIQUE INDEX memberships_current ON memberships (store_id, customer_id, plan_id) WHERE ... -- partial, see its migration;
CREATE INDEX memberships_customer ON memberships (store_id, customer_id);
CREATE INDEX memberships_due ON memberships (store_id, status, current_period_end);

CREATE TABLE membership_status_history (
  store_id       text     NOT NULL,
  membership_id  text     NOT NULL,
  seq            integer  NOT NULL,
  event          text     NOT NULL,
  event_id       text,
  from_status    text,
  to_status      text     NOT NULL,
  period_end     text     NOT NULL,
  occurred_at    text     NOT NULL,
  recorded_at    text     NOT NULL,
  PRIMARY KEY (store_id, membership_id, seq),
  FOREIGN KEY (store_id, membership_id) REFERENCES memberships (store_id, id)
);
CREATE UNIQUE INDEX membership_status_history_event ON membership_status_history (store_id, membership_id, event_id);

CREATE TABLE subscription_offers (
  store_id                  text     NOT NULL,
  code                      text     NOT NULL,
  sku                       text     NOT NULL,
  name                      text     NOT NULL,
  currency                  text     NOT NULL,
  base_monthly_minor        bigint   NOT NULL,
  delivery_interval_months  integer  NOT NULL,
  terms                     text     NOT NULL,
  created_at                text     NOT NULL,
  updated_at                text     NOT NULL,
  PRIMARY KEY (store_id, code),
  FOREIGN KEY (store_id) REFERENCES stores (id)
);
CREATE INDEX subscription_offers_sku ON subscription_offers (store_id, sku);

CREATE TABLE subscriptions (
  store_id                  text     NOT NULL,
  id                        text     NOT NULL,
  customer_id               text     NOT NULL,
  offer_code                text     NOT NULL,
  sku                       text     NOT NULL,
  term_months               integer  NOT NULL,
  monthly_minor             bigint   NOT NULL,
  currency                  text     NOT NULL,
  delivery_interval_months  integer  NOT NULL,
  status                    text     NOT NULL,
  started_on                text     NOT NULL,
  commitment_ends_on        text     NOT NULL,
  anchor_on                 text     NOT NULL,
  delivery_index            integer  NOT NULL,
  next_delivery_on          text,
  paused_until              text,
  cancelled_on              text,
  ends_on                   text,
  cancel_reason             text,
  version                   integer  NOT NULL,
  created_at                text     NOT NULL,
  updated_at                text     NOT NULL,
  PRIMARY KEY (store_id, id),
  FOREIGN KEY (store_id, customer_id) REFERENCES customers (store_id, id),
  FOREIGN KEY (store_id, offer_code) REFERENCES subscription_offers (store_id, code)
);
CREATE INDEX subscriptions_customer ON subscriptions (store_id, customer_id);
CREATE INDEX subscriptions_status ON subscriptions (store_id, status, paused_until);

CREATE TABLE subscription_changes (
  store_id            text     NOT NULL,
  subscription_id     text     NOT NULL,
  seq                 integer  NOT NULL,
  kind                text     NOT NULL,
  reason              text,
  note                text,
  from_next_delivery  text,
  to_next_delivery    text,
  paused_until        text,
  changed_at          text     NOT NULL,
  PRIMARY KEY (store_id, subscription_id, seq),
  FOREIGN KEY (store_id, subscription_id) REFERENCES subscriptions (store_id, id)
);
CREATE INDEX subscription_changes_time ON subscription_changes (store_id, changed_at);

CREATE TABLE customer_metrics (
  store_id                 text              NOT NULL,
  customer_id              text              NOT NULL,
  as_of_day                integer           NOT NULL,
  orders_count             integer           NOT NULL,
  purchase_days            integer           NOT NULL,
  total_spent_minor        bigint            NOT NULL,
  currency                 text,
  first_order_day          integer           NOT NULL,
  last_order_day           integer           NOT NULL,
  avg_interval_days        double precision,
  rfm_recency              integer           NOT NULL,
  rfm_frequency            integer           NOT NULL,
  rfm_monetary             integer           NOT NULL,
  rfm_segment              text              NOT NULL,
  value_percentile         integer           NOT NULL,
  p_alive                  double precision,
  p_alive_previous         double precision,
  p_alive_previous_day     integer,
  expected_orders          double precision,
  predicted_clv_minor      bigint,
  expected_next_order_day  integer,
  computed_at              text              NOT NULL,
  PRIMARY KEY (store_id, customer_id),
  FOREIGN KEY (store_id, customer_id) REFERENCES customers (store_id, id)
);
CREATE INDEX customer_metrics_computed ON customer_metrics (store_id, computed_at);

CREATE TABLE customer_metric_runs (
  store_id     text     NOT NULL,
  as_of_day    integer  NOT NULL,
  customers    integer  NOT NULL,
  model        text,
  note         text,
  cutoffs      text     NOT NULL,
  computed_at  text     NOT NULL,
  PRIMARY KEY (store_id),
  FOREIGN KEY (store_id) REFERENCES stores (id)
);

CREATE TABLE segments (
  store_id      text     NOT NULL,
  id            text     NOT NULL,
  name          text     NOT NULL,
  description   text,
  rules         text     NOT NULL,
  built_in      integer  NOT NULL,
  built_in_key  text,
  members       integer  NOT NULL,
  refreshed_at  text,
  created_at    text     NOT NULL,
  updated_at    text     NOT NULL,
  PRIMARY KEY (store_id, id),
  FOREIGN KEY (store_id) REFERENCES stores (id)
);

CREATE TABLE segment_members (
  store_id     text  NOT NULL,
  segment_id   text  NOT NULL,
  customer_id  text  NOT NULL,
  entered_at   text  NOT NULL,
  PRIMARY KEY (store_id, segment_id, customer_id),
  FOREIGN KEY (store_id, customer_id) REFERENCES customers (store_id, id),
  FOREIGN KEY (store_id, segment_id) REFERENCES segments (store_id, id) ON DELETE CASCADE
);
CREATE INDEX segment_members_customer ON segment_members (store_id, customer_id);

CREATE TABLE suppressions (
  store_id     text  NOT NULL,
  channel      text  NOT NULL,
  address      text  NOT NULL,
  reason       text  NOT NULL,
  customer_id  text,
  source       text  NOT NULL,
  detail       text,
  occurred_at  text  NOT NULL,
  created_at   text  NOT NULL,
  PRIMARY KEY (store_id, channel, address, reason),
  FOREIGN KEY (store_id) REFERENCES stores (id)
);

CREATE TABLE outbox_messages (
  store_id             text     NOT NULL,
  id                   text     NOT NULL,
  customer_id          text     NOT NULL,
  flow                 text     NOT NULL,
  trigger_key          text     NOT NULL,
  idempotency_key      text     NOT NULL,
  channel              text     NOT NULL,
  consent_channel      text     NOT NULL,
  purpose              text     NOT NULL,
  priority             integer  NOT NULL,
  template             text     NOT NULL,
  data                 text     NOT NULL,
  planned_send_at      text     NOT NULL,
  send_at              text     NOT NULL,
  status               text     NOT NULL,
  reason               text,
  attempts             integer  NOT NULL,
  lease_owner          text,
  lease_until          text,
  last_attempt_at      text,
  sent_at              text,
  provider_message_id  text,
  created_at           text     NOT NULL,
  updated_at           text     NOT NULL,
  stop_on_order_after  text,
  topic                text,
  PRIMARY KEY (store_id, id),
  FOREIGN KEY (store_id, customer_id) REFERENCES customers (store_id, id)
);
CREATE INDEX outbox_messages_customer ON outbox_messages (store_id, customer_id, last_attempt_at);
CREATE INDEX outbox_messages_due ON outbox_messages (store_id, status, send_at);
CREATE INDEX outbox_messages_flow ON outbox_messages (store_id, flow, status);
CREATE UNIQUE INDEX outbox_messages_idempotency_key ON outbox_messages (store_id, idempotency_key);
CREATE INDEX outbox_messages_provider_message_id ON outbox_messages (store_id, provider_message_id);
CREATE INDEX outbox_messages_queue ON outbox_messages (store_id, send_at, priority DESC, id) WHERE ... -- partial, see its migration;

CREATE TABLE flows (
  store_id       text     NOT NULL,
  name           text     NOT NULL,
  kind           text     NOT NULL,
  definition     text     NOT NULL,
  source         text     NOT NULL,
  enabled        integer  NOT NULL,
  enabled_at     text,
  planned_until  text,
  created_at     text     NOT NULL,
  updated_at     text     NOT NULL,
  PRIMARY KEY (store_id, name),
  FOREIGN KEY (store_id) REFERENCES stores (id)
);

CREATE TABLE customer_identities (
  store_id     text  NOT NULL,
  external_id  text  NOT NULL,
  customer_id  text  NOT NULL,
  matched_by   text  NOT NULL,
  created_at   text  NOT NULL,
  PRIMARY KEY (store_id, external_id),
  FOREIGN KEY (store_id, customer_id) REFERENCES customers (store_id, id)
);
CREATE INDEX customer_identities_customer ON customer_identities (store_id, customer_id);

CREATE TABLE customer_merges (
  store_id          text  NOT NULL,
  id                text  NOT NULL,
  into_customer_id  text  NOT NULL,
  from_customer_id  text  NOT NULL,
  from_external_id  text  NOT NULL,
  actor             text  NOT NULL,
  moved             text  NOT NULL,
  merged_at         text  NOT NULL,
  PRIMARY KEY (store_id, id),
  FOREIGN KEY (store_id) REFERENCES stores (id)
);
CREATE INDEX customer_merges_into ON customer_merges (store_id, into_customer_id, merged_at);

CREATE TABLE job_leases (
  store_id    text  NOT NULL,
  job         text  NOT NULL,
  holder      text  NOT NULL,
  expires_at  text  NOT NULL,
  taken_at    text  NOT NULL,
  PRIMARY KEY (store_id, job),
  FOREIGN KEY (store_id) REFERENCES stores (id)
);

CREATE TABLE customer_preferences (
  store_id       text  NOT NULL,
  customer_id    text  NOT NULL,
  topics_off     text  NOT NULL,
  frequency      text  NOT NULL,
  snoozed_until  text,
  updated_at     text  NOT NULL,
  PRIMARY KEY (store_id, customer_id),
  FOREIGN KEY (store_id, customer_id) REFERENCES customers (store_id, id)
);

CREATE TABLE shopify_backfills (
  store_id           text     NOT NULL,
  phase              text     NOT NULL,
  bulk_operation_id  text,
  status             text     NOT NULL,
  lines_done         integer  NOT NULL,
  records_done       integer  NOT NULL,
  lines_total        integer,
  started_at         text     NOT NULL,
  updated_at         text     NOT NULL,
  PRIMARY KEY (store_id, phase),
  FOREIGN KEY (store_id) REFERENCES stores (id)
);

CREATE TABLE shopify_checkouts (
  store_id            text    NOT NULL,
  token               text    NOT NULL,
  checkout_id         text,
  customer_id         text,
  email               text,
  phone               text,
  recovery_url        text,
  currency            text,
  total_minor         bigint,
  lines               text    NOT NULL,
  created_at          text    NOT NULL,
  source_updated_at   text    NOT NULL,
  completed_at        text,
  completed_order_id  text,
  event_id            text,
  recorded_at         text    NOT NULL,
  PRIMARY KEY (store_id, token),
  FOREIGN KEY (store_id) REFERENCES stores (id)
);
CREATE INDEX shopify_checkouts_checkout_id ON shopify_checkouts (store_id, checkout_id);

CREATE TABLE shopify_installations (
  store_id                text  NOT NULL,
  shop_domain             text  NOT NULL,
  status                  text  NOT NULL,
  access_token            text,
  scopes                  text  NOT NULL,
  installed_at            text  NOT NULL,
  uninstalled_at          text,
  webhooks                text  NOT NULL,
  webhooks_registered_at  text,
  webhook_error           text,
  updated_at              text  NOT NULL,
  PRIMARY KEY (store_id),
  FOREIGN KEY (store_id) REFERENCES stores (id)
);
CREATE UNIQUE INDEX shopify_installations_shop ON shopify_installations (shop_domain);

CREATE TABLE shopify_oauth_states (
  store_id     text  NOT NULL,
  state_hash   text  NOT NULL,
  shop_domain  text  NOT NULL,
  created_at   text  NOT NULL,
  expires_at   text  NOT NULL,
  PRIMARY KEY (store_id, state_hash),
  FOREIGN KEY (store_id) REFERENCES stores (id)
);
CREATE UNIQUE INDEX shopify_oauth_states_state ON shopify_oauth_states (state_hash);

CREATE TABLE shopify_data_requests (
  store_id             text  NOT NULL,
  id                   text  NOT NULL,
  request_id           text  NOT NULL,
  shopify_customer_id  text  NOT NULL,
  customer_id          text,
  export               text  NOT NULL,
  requested_at         text  NOT NULL,
  PRIMARY KEY (store_id, id),
  FOREIGN KEY (store_id) REFERENCES stores (id)
);

CREATE TABLE survey_responses (
  store_id     text     NOT NULL,
  id           text     NOT NULL,
  customer_id  text     NOT NULL,
  flow         text     NOT NULL,
  question     text     NOT NULL,
  subject      text     NOT NULL,
  answer       text     NOT NULL,
  score        integer  NOT NULL,
  comment      text,
  answered_at  text     NOT NULL,
  updated_at   text     NOT NULL,
  PRIMARY KEY (store_id, id),
  FOREIGN KEY (store_id, customer_id) REFERENCES customers (store_id, id)
);
CREATE UNIQUE INDEX survey_responses_asked ON survey_responses (store_id, customer_id, flow, question, subject);
CREATE INDEX survey_responses_time ON survey_responses (store_id, question, answered_at);

CREATE TABLE membership_cancel_reasons (
  store_id       text     NOT NULL,
  membership_id  text     NOT NULL,
  seq            integer  NOT NULL,
  reason         text     NOT NULL,
  note           text,
  cancelled_at   text     NOT NULL,
  PRIMARY KEY (store_id, membership_id, seq),
  FOREIGN KEY (store_id, membership_id) REFERENCES memberships (store_id, id)
);
CREATE INDEX membership_cancel_reasons_time ON membership_cancel_reasons (store_id, cancelled_at);

CREATE TABLE shop_discount_pushes (
  store_id         text     NOT NULL,
  coupon_id        text     NOT NULL,
  platform         text     NOT NULL,
  code             text     NOT NULL,
  status           text     NOT NULL,
  attempts         integer  NOT NULL,
  last_error       text,
  next_attempt_at  text,
  remote_id        text,
  created_at       text     NOT NULL,
  updated_at       text     NOT NULL,
  PRIMARY KEY (store_id, coupon_id, platform),
  FOREIGN KEY (store_id, coupon_id) REFERENCES coupons (store_id, id)
);
CREATE INDEX shop_discount_pushes_due ON shop_discount_pushes (store_id, status, next_attempt_at);

CREATE TABLE shop_order_discount_codes (
  store_id     text  NOT NULL,
  order_id     text  NOT NULL,
  code         text  NOT NULL,
  platform     text  NOT NULL,
  received_at  text  NOT NULL,
  outcome      text,
  detail       text,
  handled_at   text,
  PRIMARY KEY (store_id, order_id, code),
  FOREIGN KEY (store_id) REFERENCES stores (id)
);

CREATE TABLE bounce_events (
  store_id           text  NOT NULL,
  event_key          text  NOT NULL,
  provider           text  NOT NULL,
  kind               text  NOT NULL,
  address            text  NOT NULL,
  customer_id        text,
  outbox_message_id  text,
  message_id         text,
  detail             text,
  occurred_at        text  NOT NULL,
  received_at        text  NOT NULL,
  PRIMARY KEY (store_id, event_key),
  FOREIGN KEY (store_id) REFERENCES stores (id)
);
CREATE INDEX bounce_events_address ON bounce_events (store_id, address);

CREATE TABLE webhook_endpoints (
  store_id              text     NOT NULL,
  id                    text     NOT NULL,
  url                   text     NOT NULL,
  secret                text     NOT NULL,
  events                text     NOT NULL,
  status                text     NOT NULL,
  disabled_reason       text,
  disabled_at           text,
  failing_since         text,
  consecutive_failures  integer  NOT NULL,
  created_at            text     NOT NULL,
  updated_at            text     NOT NULL,
  PRIMARY KEY (store_id, id),
  FOREIGN KEY (store_id) REFERENCES stores (id)
);

CREATE TABLE webhook_messages (
  store_id         text     NOT NULL,
  id               text     NOT NULL,
  endpoint_id      text     NOT NULL,
  event_type       text     NOT NULL,
  body             text     NOT NULL,
  status           text     NOT NULL,
  attempts         integer  NOT NULL,
  next_attempt_at  text     NOT NULL,
  lease_owner      text,
  lease_until      text,
  last_error       text,
  created_at       text     NOT NULL,
  finished_at      text,
  PRIMARY KEY (store_id, id),
  FOREIGN KEY (store_id, endpoint_id) REFERENCES webhook_endpoints (store_id, id)
);
CREATE INDEX webhook_messages_due ON webhook_messages (store_id, status, next_attempt_at);
CREATE INDEX webhook_messages_endpoint ON webhook_messages (store_id, endpoint_id, created_at);

CREATE TABLE webhook_attempts (
  store_id      text     NOT NULL,
  message_id    text     NOT NULL,
  attempt       integer  NOT NULL,
  endpoint_id   text     NOT NULL,
  attempted_at  text     NOT NULL,
  status_code   integer,
  duration_ms   integer  NOT NULL,
  error         text,
  PRIMARY KEY (store_id, message_id, attempt),
  FOREIGN KEY (store_id, message_id) REFERENCES webhook_messages (store_id, id)
);
CREATE INDEX webhook_attempts_endpoint ON webhook_attempts (store_id, endpoint_id, attempted_at);
