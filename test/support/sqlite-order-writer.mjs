// A writer in a process of its own, for the test of `regulars backup` on a live database:
//   node sqlite-order-writer.mjs FILE STORE_ID SEED
// loads SEED orders in one transaction, prints "ready", then commits one order at a time (a
// customer, the order and two lines: one transaction each) until its standard input closes, and
// prints how many it committed in all. Plain JavaScript: a child process cannot load TypeScript.
import Database from 'better-sqlite3';

const [file, storeId, seed] = process.argv.slice(2);
const db = new Database(file, { fileMustExist: true, timeout: 10_000 });
db.pragma('busy_timeout = 10000');
const now = '2026-01-01T00:00:00.000Z';
const customer = db.prepare(
  `INSERT INTO customers (store_id, id, external_id, tags, attributes, created_at, updated_at)
   VALUES (?, ?, ?, '[]', '{}', ?, ?)`,
);
const order = db.prepare(
  `INSERT INTO orders (store_id, id, external_id, customer_id, ordered_at, order_day, currency, subtotal_minor,
     discount_minor, shipping_minor, total_minor, refunded_minor, status, created_at, updated_at, over_refunded_minor)
   VALUES (?, ?, ?, ?, ?, 20454, 'EUR', 2500, 0, 0, 2500, 0, 'paid', ?, ?, 0)`,
);
const line = db.prepare(
  `INSERT INTO order_lines (store_id, order_id, line_no, title, quantity, price_minor, total_minor)
   VALUES (?, ?, ?, 'Coffee beans, 250 g', 1, 1250, 1250)`,
);
let written = 0;
const writeOrder = () => {
  const n = written++;
  customer.run(storeId, `cus_w${n}`, `w${n}`, now, now);
  order.run(storeId, `ord_w${n}`, `w${n}`, `cus_w${n}`, now, now, now);
  line.run(storeId, `ord_w${n}`, 1);
  line.run(storeId, `ord_w${n}`, 2);
};
db.transaction(() => {
  for (let i = 0; i < Number(seed); i++) writeOrder();
})();
const writeOne = db.transaction(writeOrder);
process.stdout.write('ready\n');

let stopping = false;
process.stdin.on('end', () => (stopping = true)).resume();
// One commit per turn of the event loop, so that the end of standard input is heard.
const loop = () => {
  if (stopping) {
    db.close();
    process.stdout.write(`${written}\n`);
    return;
  }
  writeOne();
  setImmediate(loop);
};
loop();
