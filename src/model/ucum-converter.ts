// The unit converter over ucum-lhc (DESIGN.md §3 rule 5; the unit keys and the molar-mass table are
// in unit-conversion.ts). Its own lazy module: loaded with ucum-lhc by `loadUnitConverter`, only when
// a series really has more than one unit, so a record in one unit never pays for it.
import type { UnitConverter } from './unit-conversion.js';

/** The parts of ucum-lhc's `UcumLhcUtils` used here. */
export interface UcumUtils {
  convertUnitTo(
    from: string,
    value: number,
    to: string,
    options?: { molecularWeight?: number },
  ): { status: string; toVal: number | null; fromUnit?: UcumUnit; toUnit?: UcumUnit };
}

interface UcumUnit {
  dim_?: { dimVec_?: number[] } | null;
  isSpecial_?: boolean;
  isArbitrary_?: boolean;
}

function dimensionless(unit: UcumUnit | undefined): boolean {
  const vector = unit?.dim_?.dimVec_;
  return !Array.isArray(vector) || vector.every((d) => d === 0);
}

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;

/**
 * Runs a ucum-lhc call with the console silenced for that call only: ucum-lhc has no option to stop
 * it logging a unit string it cannot parse ("Unit requested for unit string …"), and those strings
 * are the server's data, which never goes to the host page's console. The call is synchronous, so
 * nothing else can log meanwhile.
 */
function quietly<T>(call: () => T): T {
  const saved = CONSOLE_METHODS.map((name) => console[name]);
  const silent = (): void => undefined;
  for (const name of CONSOLE_METHODS) console[name] = silent;
  try {
    return call();
  } finally {
    CONSOLE_METHODS.forEach((name, i) => (console[name] = saved[i]));
  }
}

/** A converter over a ucum-lhc instance; its console output (server unit strings) is suppressed. */
export function unitConverterFrom(ucum: UcumUtils): UnitConverter {
  return {
    conversion(from, to, molarMass) {
      if (from === to) return (value) => value;
      if (!from || !to) return undefined;
      let probe: ReturnType<UcumUtils['convertUnitTo']>;
      try {
        probe = quietly(() => ucum.convertUnitTo(from, 1, to, molarMass ? { molecularWeight: molarMass } : {}));
      } catch {
        return undefined;
      }
      if (probe.status !== 'succeeded' || typeof probe.toVal !== 'number' || !Number.isFinite(probe.toVal)) return undefined;
      const { fromUnit, toUnit } = probe;
      if (fromUnit?.isArbitrary_ || toUnit?.isArbitrary_) return undefined;
      // % ↔ mmol/mol, ratio ↔ % …: UCUM relates them by a factor, clinically they are other scales.
      if (dimensionless(fromUnit) || dimensionless(toUnit)) return undefined;
      if (fromUnit?.isSpecial_ || toUnit?.isSpecial_) {
        // Non-linear or offset units (°C ↔ °F): convert each value.
        return (value) => {
          const result = quietly(() => ucum.convertUnitTo(from, value, to, molarMass ? { molecularWeight: molarMass } : {}));
          return typeof result.toVal === 'number' ? result.toVal : Number.NaN;
        };
      }
      const factor = probe.toVal;
      return (value) => value * factor;
    },
  };
}

/** The converter over the ucum-lhc module as the bundler exposes it (CommonJS: named exports or `default`). */
export function ucumConverter(module: unknown): UnitConverter | undefined {
  const named = module as { UcumLhcUtils?: { getInstance(): UcumUtils }; default?: unknown };
  const utils = named.UcumLhcUtils ?? (named.default as typeof named | undefined)?.UcumLhcUtils;
  return utils ? unitConverterFrom(utils.getInstance()) : undefined;
}
