import { basename } from 'node:path';
import { describeCommission, describeSlippage, PaperBroker, paperBrokerConfigSchema, type PaperBrokerConfig } from '@rustybt/brokers';
import { autoCalendar, GbmPath, nyseHolidays, parseSourceSpec } from '@rustybt/data-providers';
import { EngineRun, loadStrategy, resolveParams, type Bar, type EngineEvent, type Strategy, type StrategyParams } from '@rustybt/engine';
import { defineValidator, makeCheck, skipCheck, type Check, type Validator } from '@rustybt/validate';
import type { ValidateSetup } from '../setup';

/** Bars of the short backtest: two days of 1m sim bars, enough for a 30-bar indicator to trade. */
const BACKTEST_BARS = 3000;
const SYMBOL = 'SIM';

function* simBars(n: number): Generator<Bar> {
  const path = new GbmPath(SYMBOL, '1m', { seed: 42 });
  const start = Date.UTC(2024, 0, 2);
  for (let i = 0; i < n; i++) yield path.next(start + i * 60_000);
}

/** `fast=10, slow=30`, as --param takes them. */
const paramText = (params: StrategyParams): string =>
  Object.entries(params)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');

/** The same params in key order, so equal sets compare (and read) equal. */
const byKey = (params: StrategyParams): StrategyParams => Object.fromEntries(Object.entries(params).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** The params of the session under validation against what this run resolved them to. */
function matchesSession(s: ValidateSetup, params: StrategyParams): Check {
  if (!s.session) return skipCheck('strategy.matches-session', 'no --session given');
  const meta = s.session.meta;
  if (meta.strategy === undefined) return skipCheck('strategy.matches-session', `session ${s.session.name} has no state file yet`);
  const sameFile = meta.strategy === s.strategyFile;
  const saved = paramText(byKey(JSON.parse(meta.params ?? '{}') as StrategyParams));
  const now = paramText(byKey(params));
  const ok = sameFile && saved === now;
  return makeCheck('strategy.matches-session', ok ? 'PASS' : 'FAIL', {
    subject: s.session.name,
    value: ok ? 'same' : 'different',
    detail: ok
      ? `${basename(s.strategyFile)} with ${now === '' ? 'default params' : `params ${now}`}`
      : `${sameFile ? '' : `session runs ${meta.strategy}, validated ${s.strategyFile}; `}${saved === now ? '' : `session params ${saved}, validated ${now}`}`,
    remedy: 'Validate the strategy the session runs: drop --strategy, or pass the same file',
  });
}

function calendarCheck(s: ValidateSetup): Check {
  let spec;
  try {
    spec = parseSourceSpec(s.data);
  } catch (err) {
    return makeCheck('strategy.calendar', 'FAIL', { detail: `data '${s.data}': ${(err as Error).message}`, remedy: 'Check the session data spec' });
  }
  const calendar = autoCalendar(spec, s.symbol, []);
  const year = new Date().getUTCFullYear();
  const holidays = nyseHolidays(year).size;
  if (!calendar)
    return makeCheck('strategy.calendar', 'WARN', {
      subject: s.symbol,
      detail: `no trading calendar known for ${s.symbol} on ${s.data}: gaps in its bars cannot be told from closed markets`,
      remedy: 'Use a symbol whose exchange calendar rustybt knows (NYSE or 24/7 crypto)',
    });
  return makeCheck('strategy.calendar', holidays >= 8 ? 'PASS' : 'WARN', {
    subject: s.symbol,
    value: calendar.name,
    detail: `${s.symbol} on ${s.data}: ${calendar.name}; NYSE ${year} has ${holidays} holidays known`,
    remedy: 'Check libs/data-providers/src/calendar for this year',
  });
}

interface Backtest {
  orders: number;
  fills: number;
  rejections: string[];
  errors: string[];
  bars: number;
  fees: string;
}

/**
 * The fill and cost models the strategy will trade under: the session's own (persisted when it was
 * created, and a resume must keep them), else config.yaml's `paper:` section, else the defaults.
 */
function costModels(s: ValidateSetup): { config: PaperBrokerConfig; source: string } {
  const saved = s.session?.meta.paper_broker;
  if (saved !== undefined) {
    let json: unknown;
    try {
      json = JSON.parse(saved);
    } catch {
      // A damaged record: the session's own resume refuses it; here the config's models stand in.
    }
    const parsed = paperBrokerConfigSchema.safeParse(json);
    if (parsed.success) return { config: parsed.data, source: `session ${s.session!.name}` };
  }
  const configured = s.loaded.config.paper;
  return { config: paperBrokerConfigSchema.parse(configured ?? {}), source: configured ? 'config paper' : 'defaults' };
}

async function shortBacktest(strategy: Strategy, params: StrategyParams, s: ValidateSetup, broker: PaperBrokerConfig): Promise<Backtest> {
  const seen: Backtest = { orders: 0, fills: 0, rejections: [], errors: [], bars: 0, fees: '0' };
  const run = new EngineRun({
    runId: 'validate',
    strategy,
    broker: new PaperBroker(broker),
    symbols: [SYMBOL],
    capital: 10_000,
    params,
    seed: 1,
    ...(s.loaded.config.risk ? { risk: s.loaded.config.risk } : {}),
  });
  run.events$.subscribe((e: EngineEvent) => {
    if (e.type === 'order_submitted') seen.orders++;
    else if (e.type === 'order_filled') seen.fills++;
    else if (e.type === 'order_rejected') seen.rejections.push(e.reason);
    else if (e.type === 'broker_error') seen.errors.push(`${e.errorType}: ${e.message}`);
    else if (e.type === 'log' && e.level === 'error') seen.errors.push(e.message);
  });
  const result = await run.run(simBars(BACKTEST_BARS));
  seen.bars = result.bars;
  seen.fees = result.fees.toFixed(2);
  return seen;
}

/** The strategy loads, its parameters validate, and a short sim backtest trades without errors. */
export function strategyValidator(s: ValidateSetup): Validator {
  return defineValidator({
    id: 'strategy',
    title: 'Strategy',
    modes: ['quick', 'standard', 'thorough'],
    async run(ctx) {
      const checks: Check[] = [];
      let strategy: Strategy;
      try {
        strategy = await loadStrategy(s.strategyFile);
        checks.push(
          makeCheck('strategy.loads', 'PASS', {
            subject: basename(s.strategyFile),
            detail: `${strategy.name ?? basename(s.strategyFile)} from ${s.strategyFile}`,
          }),
        );
      } catch (err) {
        const reason = 'the strategy did not load';
        return [
          makeCheck('strategy.loads', 'FAIL', {
            subject: basename(s.strategyFile),
            detail: (err as Error).message,
            remedy: 'Fix the strategy file (rustybt backtest --strategy <file> shows the same error)',
          }),
          ...(['strategy.params', 'strategy.backtest-runs', 'strategy.backtest-orders'] as const).map((id) => skipCheck(id, reason)),
          calendarCheck(s),
          skipCheck('strategy.matches-session', reason),
        ];
      }
      let params: StrategyParams;
      try {
        params = resolveParams(strategy.params, s.params);
      } catch (err) {
        return [
          ...checks,
          makeCheck('strategy.params', 'FAIL', {
            detail: (err as Error).message,
            remedy: 'Give parameters the strategy declares, with values of the right type',
          }),
          skipCheck('strategy.backtest-runs', 'the parameters do not validate'),
          skipCheck('strategy.backtest-orders', 'the parameters do not validate'),
          calendarCheck(s),
          skipCheck('strategy.matches-session', 'the parameters do not validate'),
        ];
      }
      checks.push(
        makeCheck('strategy.params', 'PASS', {
          detail: paramText(params) || 'no parameters',
        }),
      );
      ctx.progress(`backtest over ${BACKTEST_BARS} sim bars`);
      checks.push(...(await backtestChecks(strategy, params, s)), calendarCheck(s), matchesSession(s, params));
      return checks;
    },
  });
}

async function backtestChecks(strategy: Strategy, params: StrategyParams, s: ValidateSetup): Promise<Check[]> {
  let bt: Backtest;
  const models = costModels(s);
  const costs = `slippage ${describeSlippage(models.config.slippage)}, commission ${describeCommission(models.config.commission)} (${models.source})`;
  try {
    bt = await shortBacktest(strategy, params, s, models.config);
  } catch (err) {
    return [
      makeCheck('strategy.backtest-runs', 'FAIL', {
        detail: (err as Error).message,
        remedy: 'Reproduce with rustybt backtest --strategy <file> --data sim --debug',
      }),
      skipCheck('strategy.backtest-orders', 'the backtest failed'),
    ];
  }
  const runs = makeCheck('strategy.backtest-runs', bt.errors.length ? 'FAIL' : 'PASS', {
    value: bt.bars,
    detail: bt.errors.length ? `${bt.errors.length} errors: ${bt.errors.slice(0, 3).join('; ')}` : `${bt.bars} sim 1m bars without errors`,
    remedy: 'Reproduce with rustybt backtest --strategy <file> --data sim --debug',
  });
  const orders = makeCheck('strategy.backtest-orders', bt.orders > 0 && bt.fills > 0 ? 'PASS' : 'FAIL', {
    value: bt.orders,
    threshold: 1,
    comparator: '>=',
    detail: `${bt.orders} orders, ${bt.fills} fills, ${bt.rejections.length} rejected${bt.rejections.length ? ` (${[...new Set(bt.rejections)].slice(0, 3).join('; ')})` : ''}; fees ${bt.fees} under ${costs}`,
    remedy: 'A strategy that never trades on the sim market cannot be validated: check its parameters and risk limits',
  });
  return [runs, orders];
}
