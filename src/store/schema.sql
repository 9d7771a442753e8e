-- The schema that src/store/migrations builds, identical on SQLite and PostgreSQL.
-- Generated from the migrated databases by test/store/schema.test.ts, which fails when this file and
-- the migrations disagree; after changing a migration, regenerate it with
--   npx vitest run test/store/schema.test.ts -u
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
  store_id    text  NOT NULL,
  id          text  NOT NULL,
  prefix      text  NOT NULL,
  hash        text  NOT NULL,
  name        text  NOT NULL,
  created_at  text  NOT NULL,
  revoked_at  text,
  PRIMARY KEY (store_id, id),
  FOREIGN KEY (store_id) REFERENCES stores (id)
);
CREATE INDEX api_keys_prefix ON api_keys (prefix);

CREATE TABLE customers (
  store_id     text  NOT NULL,
  id           text  NOT NULL,
  external_id  text  NOT NULL,
  email        text,
  phone        text,
  first_name   text,
  last_name    text,
  birthday     text,
  time_zone    text,
  locale       text,
  tags         text  NOT NULL,
  attributes   text  NOT NULL,
  created_at   text  NOT NULL,
  updated_at   text  NOT NULL,
  PRIMARY KEY (store_id, id),
  FOREIGN KEY (store_id) REFERENCES stores (id)
);
CREATE INDEX customers_email ON customers (store_id, email);
CREATE UNIQUE INDEX customers_external_id ON customers (store_id, external_id);

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
  PRIMARY KEY (store_id, id),
  FOREIGN KEY (store_id) REFERENCES stores (id)
);
CREATE UNIQUE INDEX products_sku ON products (store_id, sku);

CREATE TABLE orders (
  store_id           text     NOT NULL,
  id                 text     NOT NULL,
  external_id        text     NOT NULL,
  customer_id        text     NOT NULL,
  ordered_at         text     NOT NULL,
  order_day          integer  NOT NULL,
  currency           text     NOT NULL,
  subtotal_minor     bigint   NOT NULL,
  discount_minor     bigint   NOT NULL,
  shipping_minor     bigint   NOT NULL,
  total_minor        bigint   NOT NULL,
  refunded_minor     bigint   NOT NULL,
  status             text     NOT NULL,
  cancelled_at       text,
  source_updated_at  text,
  created_at         text     NOT NULL,
  updated_at         text     NOT NULL,
  PRIMARY KEY (store_id, id),
  FOREIGN KEY (store_id, customer_id) REFERENCES customers (store_id, id)
);
CREATE INDEX orders_customer ON orders (store_id, customer_id, order_day);
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
  PRIMARY KEY (store_id, id),
  FOREIGN KEY (store_id) REFERENCES stores (id)
);
CREATE UNIQUE INDEX coupons_code ON coupons (store_id, code);

CREATE TABLE coupon_redemptions (
  store_id     text  NOT NULL,
  coupon_id    text  NOT NULL,
  order_id     text  NOT NULL,
  customer_id  text  NOT NULL,
  redeemed_at  text  NOT NULL,
  PRIMARY KEY (store_id, coupon_id, order_id),
  FOREIGN KEY (store_id, coupon_id) REFERENCES coupons (store_id, id)
);
CREATE INDEX coupon_redemptions_customer ON coupon_redemptions (store_id, coupon_id, customer_id);

CREATE TABLE store_settings (
  store_id    text  NOT NULL,
  name        text  NOT NULL,
  value       text  NOT NULL,
  updated_at  text  NOT NULL,
  PRIMARY KEY (store_id, name),
  FOREIGN KEY (store_id) REFERENCES stores (id)
);
