import { PaperBroker, type PaperBrokerConfig } from '@rustybt/brokers';
import { EngineRun, type RiskLimitsInput, type Strategy, type StrategyParams } from '@rustybt/engine';

/** What makes a backtest run besides the strategy and its parameters; plain data, so it crosses to worker threads. */
export interface RunSpec {
  broker: PaperBrokerConfig;
  symbols: string[];
  capital: string;
  seed: number;
  risk?: RiskLimitsInput;
}

/** The one way a backtest's engine is put together, for a single run and for each sweep combination alike. */
export async function startBacktestRun(strategy: Strategy, spec: RunSpec, params: StrategyParams): Promise<EngineRun> {
  const run = new EngineRun({
    runId: 'backtest',
    strategy,
    broker: new PaperBroker(spec.broker),
    symbols: spec.symbols,
    capital: spec.capital,
    params,
    seed: spec.seed,
    ...(spec.risk ? { risk: spec.risk } : {}),
  });
  await run.start();
  return run;
}
