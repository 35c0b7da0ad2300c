import type { Command } from 'commander';
import { registerClv } from './clv.js';
import { registerCohorts } from './cohorts.js';
import { registerExport } from './export.js';
import { registerRepurchase } from './repurchase.js';
import { registerRfm } from './rfm.js';
import { registerTiers } from './tiers.js';

/** `fupan customers …`: one file per subcommand, registered here in the order `--help` lists them. */
export function registerCustomers(program: Command): void {
  const customers = program
    .command('customers')
    .description(
      'customer insight (客户洞察): cohorts, RFM, tiers and win-back, repurchase, CLV, recall lists',
    );
  for (const register of [
    registerCohorts,
    registerRfm,
    registerTiers,
    registerRepurchase,
    registerClv,
    registerExport,
  ]) {
    register(customers, program);
  }
}
