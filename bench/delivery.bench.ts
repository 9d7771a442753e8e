/** bench:delivery: the send pipeline on SQLite and PostgreSQL (bench/delivery-pipeline.ts). Target: at least 500 emails/s. */
import { deliveryHeading, deliveryPipeline } from './delivery-pipeline.js';

const lines = [`bench:delivery: ${deliveryHeading()}`];
for (const name of ['sqlite', 'postgres'] as const) lines.push(await deliveryPipeline(name));
process.stdout.write(`${lines.join('\n')}\n`);
