import type { Validator } from '@rustybt/validate';
import type { ValidateSetup } from '../setup';
import { complianceValidator } from './compliance';
import { databaseValidator } from './database';
import { disasterRecoveryValidator } from './disaster-recovery';
import { executionValidator } from './execution';
import { monitoringValidator } from './monitoring';
import { paperTradingValidator } from './paper-trading';
import { performanceValidator } from './performance';
import { riskValidator } from './risk';
import { securityValidator } from './security';
import { smokeValidator } from './smoke';
import { strategyValidator } from './strategy';

/** Every concrete validator, over one setup. */
export function allValidators(s: ValidateSetup): Validator[] {
  return [
    smokeValidator(),
    strategyValidator(s),
    riskValidator(s),
    executionValidator(s),
    databaseValidator(s),
    monitoringValidator(s),
    securityValidator(s),
    complianceValidator(s),
    performanceValidator(),
    disasterRecoveryValidator(s),
    paperTradingValidator(s),
  ];
}
