// Reading a bot's limits in force (GET /api/v1/limits[/{bot}]): the figure a value is compared with.

function inForce(limits, field) {
  const limit = limits && limits[field];
  return limit && limit.status === 'in_force' && typeof limit.value === 'number' ? limit.value : null;
}

/** The absolute limit, or its equity-relative counterpart times equity when only that one applies. */
function absoluteOrRelative(limits, absolute, relative, equity) {
  const value = inForce(limits, absolute);
  if (value !== null) return value;
  const factor = inForce(limits, relative);
  return factor !== null && typeof equity === 'number' ? factor * equity : null;
}

export function grossExposureLimit(botLimits, equity) {
  return absoluteOrRelative(botLimits && botLimits.limits, 'max_gross_exposure', 'max_gross_exposure_x_equity', equity);
}

export function drawdownLimitPct(botLimits) {
  return inForce(botLimits && botLimits.limits, 'max_drawdown_pct');
}

export function symbolExposureLimit(botLimits, symbol, equity) {
  const perSymbol = botLimits && botLimits.symbols && botLimits.symbols[symbol];
  return absoluteOrRelative(perSymbol || (botLimits && botLimits.limits), 'max_symbol_exposure', 'max_symbol_exposure_x_equity', equity);
}
