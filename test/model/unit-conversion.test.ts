// Unit conversion for trends: real ucum-lhc, loaded lazily, and the molar-mass table.
import { expect } from '@open-wc/testing';
import {
  analyteOf,
  loadUnitConverter,
  unitDisplayOf,
  unitKeyOf,
  type UnitConverter,
} from '../../src/model/unit-conversion.js';

let converter: UnitConverter;

before(async () => {
  const loaded = await loadUnitConverter();
  expect(loaded, 'ucum-lhc loads through dynamic import()').to.not.equal(undefined);
  converter = loaded!;
});

describe('unit keys', () => {
  it('prefers the UCUM code, falls back to the unit text, maps common non-UCUM spellings', () => {
    expect(unitKeyOf({ value: 1, unit: 'mmol/l', system: 'http://unitsofmeasure.org', code: 'mmol/L' })).to.equal('mmol/L');
    expect(unitKeyOf({ value: 1, unit: 'mm[Hg]' })).to.equal('mm[Hg]'); // DSTU2 example: unit only
    expect(unitKeyOf({ value: 1, unit: 'mmHg' })).to.equal('mm[Hg]');
    expect(unitKeyOf({ value: 1, unit: 'µmol/L', system: 'http://example.org/units', code: 'UMOLL' })).to.equal('umol/L');
    expect(unitKeyOf({ value: 1 })).to.equal('');
    expect(unitKeyOf(undefined)).to.equal('');
  });

  it('displays the unit text as recorded, else the code', () => {
    expect(unitDisplayOf({ unit: 'mmol/l', code: 'mmol/L' })).to.equal('mmol/l');
    expect(unitDisplayOf({ code: 'g/dL' })).to.equal('g/dL');
    expect(unitDisplayOf(null)).to.equal('');
  });
});

describe('unit conversion (ucum-lhc)', () => {
  it('converts plain unit changes by their factor (hemoglobin g/dL → g/L)', () => {
    const convert = converter.conversion('g/dL', 'g/L');
    expect(convert).to.be.a('function');
    expect(convert!(13.5)).to.be.closeTo(135, 1e-9);
  });

  it('treats a case variant of the same unit as factor 1', () => {
    expect(converter.conversion('mmol/l', 'mmol/L')!(5.4)).to.be.closeTo(5.4, 1e-12);
  });

  it('converts mass ↔ molar only with a molar mass (creatinine mg/dL → µmol/L)', () => {
    expect(converter.conversion('mg/dL', 'umol/L')).to.equal(undefined);
    const creatinine = analyteOf('2160-0')!;
    expect(analyteOf('14682-9')).to.equal(creatinine);
    const convert = converter.conversion('mg/dL', 'umol/L', creatinine.molarMass);
    expect(convert!(1)).to.be.closeTo(88.4, 0.05); // the clinical factor: 1 mg/dL = 88.4 µmol/L
    const back = converter.conversion('umol/L', 'mg/dL', creatinine.molarMass);
    expect(back!(88.4)).to.be.closeTo(1, 0.001);
  });

  it('converts glucose mmol/L → mg/dL with its molar mass', () => {
    const glucose = analyteOf('2345-7')!;
    expect(converter.conversion('mmol/L', 'mg/dL', glucose.molarMass)!(5.5)).to.be.closeTo(99.1, 0.1);
  });

  it('never puts incompatible units on one axis', () => {
    expect(converter.conversion('mg/dL', 'mm[Hg]')).to.equal(undefined);
    expect(converter.conversion('mg/dL', '')).to.equal(undefined);
    expect(converter.conversion('not a unit', 'mg/dL')).to.equal(undefined);
  });

  it('refuses dimensionless rescaling that is clinically another scale (HbA1c % ↔ mmol/mol)', () => {
    expect(converter.conversion('%', 'mmol/mol')).to.equal(undefined);
    expect(converter.conversion('mmol/mol', '%')).to.equal(undefined);
  });

  it('converts offset units per value (°C → °F)', () => {
    const convert = converter.conversion('Cel', '[degF]');
    expect(convert!(37)).to.be.closeTo(98.6, 0.01);
    expect(convert!(0)).to.be.closeTo(32, 0.01);
  });

  it('loads the library once (the same converter every time)', async () => {
    expect(await loadUnitConverter()).to.equal(converter);
  });
});

describe('unit conversion writes nothing to the console', () => {
  // Unit strings ucum-lhc's parser throws on (a space does it); it then logs "Unit requested for unit string <unit>…".
  const BAD_UNITS = ['mg per MARKER', 'MARKER ipsum', '<script>MARKER()</script>', '"><img src=x onerror=MARKER()>'];

  function capture(work: () => void): string[] {
    const lines: string[] = [];
    const names = ['log', 'info', 'warn', 'error', 'debug'] as const;
    const saved = names.map((name) => console[name]);
    for (const name of names) console[name] = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
    try {
      work();
    } finally {
      names.forEach((name, i) => (console[name] = saved[i]));
    }
    return lines;
  }

  it('ucum-lhc itself logs a bad unit string (the planted positive: this test can fail)', async () => {
    // @ts-expect-error ucum-lhc ships no type declarations
    const module = (await import('@lhncbc/ucum-lhc')) as { UcumLhcUtils?: UcumFactory; default?: { UcumLhcUtils: UcumFactory } };
    const ucum = (module.UcumLhcUtils ?? module.default!.UcumLhcUtils).getInstance();
    const lines = capture(() => {
      for (const unit of BAD_UNITS) ucum.convertUnitTo(unit, 1, 'g/L');
    });
    expect(lines.join('\n')).to.contain('MARKER');
  });

  it('a conversion from or to a bad unit string is refused and logs nothing', () => {
    const lines = capture(() => {
      for (const unit of BAD_UNITS) {
        expect(converter.conversion(unit, 'g/L')).to.equal(undefined);
        expect(converter.conversion('g/L', unit)).to.equal(undefined);
      }
    });
    expect(lines).to.deep.equal([]);
  });

  it('restores the console after the call (a later log still reaches it)', () => {
    const lines = capture(() => {
      converter.conversion(BAD_UNITS[0], 'g/L');
      console.log('after');
    });
    expect(lines).to.deep.equal(['after']);
  });
});

interface UcumFactory {
  getInstance(): { convertUnitTo(from: string, value: number, to: string): unknown };
}
