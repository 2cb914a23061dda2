#!/usr/bin/env node
// The paper runner as its own process, for supervisors (docs/deploy/): same flags as `rustybt paper-trade`.
import '../dist/main.js';
