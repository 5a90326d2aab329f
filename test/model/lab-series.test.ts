// Observations → trend view model: real HL7 examples (R4, STU3, DSTU2) and small hand-built cases
// for what the examples do not cover.
import { expect } from '@open-wc/testing';
import {
  buildLabTrend,
  gapThreshold,
  interpretationOf,
  rangeStart,
  trendQuery,
  trendSearchCode,
  type LabPoint,
} from '../../src/model/lab-series.js';
import type { AnyResource } from '../../src/model/fhir-types.js';
import { flattenResources } from '../../src/model/resources.js';
import { loadUnitConverter } from '../../src/model/unit-conversion.js';
import { describeWithFixtures, loadFixture } from '../helpers/fixtures.js';

const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';

function observation(id: string, fields: Record<string, unknown>): AnyResource {
  return {
    resourceType: 'Observation',
    id,
    status: 'final',
    subject: { reference: 'Patient/p1' },
    code: { coding: [{ system: LOINC, code: '2160-0' }], text: 'Creatinine' },
    ...fields,
  };
}

const quantity = (value: number, code: string, extra: Record<string, unknown> = {}) => ({
  value,
  unit: code,
  system: UCUM,
  code,
  ...extra,
});

const interp = (code: string) => [
  { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code }] },
];

describe('trendQuery', () => {
  it('searches the asked-for codes, comma separated', () => {
    const query = trendQuery('http://loinc.org|4548-4,http://loinc.org|17856-6');
    expect(trendSearchCode(query)).to.equal('http://loinc.org|4548-4,http://loinc.org|17856-6');
    expect(query.systolic || query.diastolic).to.equal(false);
  });

  it('brings in both blood pressure panels, also for a component code', () => {
    const panel = trendQuery('http://loinc.org|85354-9');
    expect(panel.systolic && panel.diastolic).to.equal(true);
    expect(trendSearchCode(panel)).to.include('55284-4').and.include('8480-6').and.include('8462-4');
    const systolic = trendQuery('http://loinc.org|8480-6');
    expect(systolic.systolic).to.equal(true);
    expect(systolic.diastolic).to.equal(false);
    expect(trendSearchCode(systolic)).to.include('85354-9').and.include('55284-4');
  });

  it('brings in the sibling LOINC code of an analyte (creatinine mass ↔ molar)', () => {
    expect(trendSearchCode(trendQuery('http://loinc.org|2160-0'))).to.equal('http://loinc.org|2160-0,http://loinc.org|14682-9');
    expect(trendSearchCode(trendQuery('http://snomed.info/sct|123'))).to.equal('http://snomed.info/sct|123');
  });
});

describe('interpretationOf', () => {
  it('tells critical from abnormal from normal (R4 array)', () => {
    expect(interpretationOf(interp('HH'))).to.include({ severity: 'critical', direction: 'high', code: 'HH' });
    expect(interpretationOf(interp('LL'))).to.include({ severity: 'critical', direction: 'low' });
    expect(interpretationOf(interp('AA'))).to.include({ severity: 'critical' });
    expect(interpretationOf(interp('H'))).to.include({ severity: 'abnormal', direction: 'high' });
    expect(interpretationOf(interp('L'))).to.include({ severity: 'abnormal', direction: 'low' });
    expect(interpretationOf(interp('A'))).to.include({ severity: 'abnormal' });
    expect(interpretationOf(interp('N'))).to.include({ severity: 'normal' });
  });

  it('reads an STU3 / DSTU2 single concept, and keeps unknown codes as text', () => {
    const stu3 = { coding: [{ system: 'http://hl7.org/fhir/v2/0078', code: 'H', display: 'High' }] };
    expect(interpretationOf(stu3)).to.include({ severity: 'abnormal', direction: 'high', text: 'High' });
    const neg = { coding: [{ code: 'NEG', display: 'Negative' }], text: 'Negative' };
    expect(interpretationOf([neg])).to.deep.equal({ code: 'NEG', text: 'Negative' });
    expect(interpretationOf(undefined)).to.deep.equal({});
    expect(interpretationOf(5)).to.deep.equal({});
    expect(interpretationOf('Raised')).to.deep.equal({ text: 'Raised' }); // malformed, shown best-effort as text
  });

  it('lets the most severe of several concepts win', () => {
    expect(interpretationOf([...interp('H'), ...interp('HH')]).severity).to.equal('critical');
  });
});

describeWithFixtures('buildLabTrend on HL7 examples', () => {
  it('Observation-f001: glucose with its reference range and a High interpretation', async () => {
    const f001 = await loadFixture<AnyResource>('examples/r4/Observation-f001.json');
    const model = await buildLabTrend({ observations: [f001], code: 'http://loinc.org|15074-8' });
    expect(model.panels).to.have.length(1);
    const [series] = model.panels[0].series;
    expect(series.unit).to.equal('mmol/l');
    expect(series.points).to.have.length(1);
    const [point] = series.points;
    expect(point).to.include({ value: 6.3, low: 3.1, high: 6.2, date: '2013-04-02T09:30:10+01:00' });
    expect(point.interpretation).to.include({ severity: 'abnormal', direction: 'high' });
    expect(model.title).to.equal('Glucose [Moles/volume] in Blood');
  });

  it('Observation-herd1: text-only range kept as text; NEG is neither abnormal nor critical', async () => {
    const herd = await loadFixture<AnyResource>('examples/r4/Observation-herd1.json');
    const model = await buildLabTrend({ observations: [herd], code: 'http://loinc.org|80219-9' });
    const [point] = model.panels[0].series[0].points;
    expect(point.rangeText).to.equal('>0.4 Positive; 0.3 to 0.4 Suspect < 0.3 Negative');
    expect(point.low).to.equal(undefined);
    expect(point.interpretation).to.deep.equal({ code: 'NEG', text: 'Negative' });
    expect(model.hidden.otherPatient).to.equal(0); // a Group subject with no context patient is kept
  });

  it('Bundle-lipids: one analyte of four, dated by its DiagnosticReport, high-only range', async () => {
    const bundle = await loadFixture('examples/r4/Bundle-lipids.json');
    const all = flattenResources(bundle);
    const model = await buildLabTrend({
      observations: all.filter((r) => r.resourceType === 'Observation'),
      included: all.filter((r) => r.resourceType !== 'Observation'),
      code: 'http://loinc.org|35200-5',
    });
    expect(model.pointCount).to.equal(1);
    const [point] = model.panels[0].series[0].points;
    expect(point).to.include({ value: 6.3, high: 4.5, date: '2011-03-04T08:30:00+11:00', dateSource: 'report' });
    expect(point.low).to.equal(undefined);
    expect(model.title).to.equal('Cholesterol');
  });

  for (const version of ['r4', 'stu3', 'dstu2']) {
    it(`Observation-blood-pressure (${version}): two series from the panel's components`, async () => {
      const bp = await loadFixture<AnyResource>(`examples/${version}/Observation-blood-pressure.json`);
      const model = await buildLabTrend({ observations: [bp], code: 'http://loinc.org|85354-9' });
      expect(model.bloodPressure).to.equal(true);
      expect(model.panels).to.have.length(1); // one axis: both in mm[Hg]
      const [systolic, diastolic] = model.panels[0].series;
      expect(systolic.measure).to.equal('systolic');
      expect(systolic.points[0].value).to.equal(107);
      expect(diastolic.measure).to.equal('diastolic');
      expect(diastolic.points[0].value).to.equal(60);
      expect(model.panels[0].unitKey).to.equal('mm[Hg]');
      if (version !== 'dstu2') {
        expect(systolic.points[0].interpretation.severity).to.equal('normal');
        expect(diastolic.points[0].interpretation).to.include({ severity: 'abnormal', direction: 'low' });
      }
    });
  }

  it('Observation-blood-pressure asked for by its systolic component: the systolic series only', async () => {
    const bp = await loadFixture<AnyResource>('examples/r4/Observation-blood-pressure.json');
    const model = await buildLabTrend({ observations: [bp], code: 'http://loinc.org|8480-6' });
    expect(model.panels[0].series.map((s) => s.measure)).to.deep.equal(['systolic']);
  });

  for (const version of ['stu3', 'dstu2']) {
    it(`Observation-f001 (${version}): single-concept interpretation, period start as date`, async () => {
      const f001 = await loadFixture<AnyResource>(`examples/${version}/Observation-f001.json`);
      const model = await buildLabTrend({ observations: [f001], code: 'http://loinc.org|15074-8' });
      const [point] = model.panels[0].series[0].points;
      expect(point.interpretation).to.include({ severity: 'abnormal', direction: 'high' });
      expect(point).to.include({ low: 3.1, high: 6.2, value: 6.3 });
    });
  }

  it('Observation-bloodgroup: a coded value goes to the table, not the chart', async () => {
    const group = await loadFixture<AnyResource>('examples/r4/Observation-bloodgroup.json');
    const code = (group.code as { coding: { code: string }[] }).coding[0].code;
    const model = await buildLabTrend({ observations: [group], code: `http://loinc.org|${code}` });
    expect(model.pointCount).to.equal(0);
    expect(model.textResults).to.have.length(1);
    expect(model.textResults[0].why).to.equal('non-numeric');
    expect(model.textResults[0].text).to.be.a('string').and.not.equal('');
  });
});

describe('buildLabTrend rules', () => {
  it('hides entered-in-error and cancelled results and counts them; marks preliminary', async () => {
    const model = await buildLabTrend({
      code: 'http://loinc.org|2160-0',
      observations: [
        observation('a', { effectiveDateTime: '2020-01-01', valueQuantity: quantity(1.1, 'mg/dL') }),
        observation('b', { status: 'entered-in-error', effectiveDateTime: '2020-02-01', valueQuantity: quantity(9, 'mg/dL') }),
        observation('c', { status: 'cancelled', effectiveDateTime: '2020-03-01' }),
        observation('d', { status: 'preliminary', effectiveDateTime: '2020-04-01', valueQuantity: quantity(1.3, 'mg/dL') }),
        observation('e', { status: 'amended', effectiveDateTime: '2020-05-01', valueQuantity: quantity(1.2, 'mg/dL') }),
      ],
    });
    expect(model.hidden).to.deep.equal({ enteredInError: 1, cancelled: 1, otherPatient: 0 });
    const points = model.panels[0].series[0].points;
    expect(points.map((p) => p.id)).to.deep.equal(['a', 'd', 'e']);
    expect(points.map((p) => p.provisional)).to.deep.equal([false, true, false]);
    expect(points.some((p) => p.value === 9)).to.equal(false);
  });

  it("drops and counts another patient's results (rule 4)", async () => {
    const model = await buildLabTrend({
      code: 'http://loinc.org|2160-0',
      patientId: 'p1',
      observations: [
        observation('a', { effectiveDateTime: '2020-01-01', valueQuantity: quantity(1.1, 'mg/dL') }),
        observation('x', { subject: { reference: 'Patient/p2' }, effectiveDateTime: '2020-02-01', valueQuantity: quantity(5, 'mg/dL') }),
      ],
    });
    expect(model.hidden.otherPatient).to.equal(1);
    expect(model.pointCount).to.equal(1);
  });

  it('keeps comparators and plots the number; sorts by date whatever the input order', async () => {
    const model = await buildLabTrend({
      code: 'http://loinc.org|1988-5',
      observations: [
        observation('late', { code: { coding: [{ system: LOINC, code: '1988-5' }] }, effectiveDateTime: '2021-01-01', valueQuantity: quantity(5, 'mg/L', { comparator: '<' }) }),
        observation('early', { code: { coding: [{ system: LOINC, code: '1988-5' }] }, effectiveDateTime: '2020-01-01', valueQuantity: quantity(12, 'mg/L') }),
      ],
    });
    const points = model.panels[0].series[0].points;
    expect(points.map((p) => p.id)).to.deep.equal(['early', 'late']);
    expect(points[1]).to.include({ value: 5, comparator: '<' });
  });

  it('lists strings, absent values and undated numbers in the table only', async () => {
    const model = await buildLabTrend({
      code: 'http://loinc.org|2160-0',
      observations: [
        observation('s', { effectiveDateTime: '2020-01-01', valueString: 'Haemolysed sample' }),
        observation('n', { effectiveDateTime: '2020-02-01', dataAbsentReason: { text: 'Not performed' } }),
        observation('u', { valueQuantity: quantity(1.4, 'mg/dL') }),
        observation('b', { effectiveDateTime: '2020-03-01', valueBoolean: true }),
      ],
    });
    expect(model.pointCount).to.equal(0);
    const byId = Object.fromEntries(model.textResults.map((r) => [r.id, r]));
    expect(byId.s).to.include({ why: 'non-numeric', text: 'Haemolysed sample' });
    expect(byId.n).to.include({ why: 'no-value', absentReason: 'Not performed' });
    expect(byId.u).to.include({ why: 'undated', value: 1.4, unit: 'mg/dL' });
    expect(byId.b).to.include({ why: 'non-numeric', booleanValue: true });
  });

  it('reads a critical reference range as critical even without an HH code', async () => {
    const model = await buildLabTrend({
      code: 'http://loinc.org|2823-3',
      observations: [
        observation('k', {
          code: { coding: [{ system: LOINC, code: '2823-3' }] },
          effectiveDateTime: '2020-01-01',
          valueQuantity: quantity(6.9, 'mmol/L'),
          interpretation: interp('H'),
          referenceRange: [
            { low: quantity(3.5, 'mmol/L'), high: quantity(5.3, 'mmol/L') },
            { type: { text: 'Critical range' }, low: quantity(2.5, 'mmol/L'), high: quantity(6.5, 'mmol/L') },
          ],
        }),
      ],
    });
    const [point] = model.panels[0].series[0].points;
    expect(point.interpretation).to.include({ severity: 'critical', direction: 'high', fromCriticalRange: true });
    expect(point).to.include({ low: 3.5, high: 5.3 }); // the band is the normal range
  });

  it('does not load the UCUM library when every result has the same unit', async () => {
    let loads = 0;
    await buildLabTrend({
      code: 'http://loinc.org|2160-0',
      loadConverter: () => {
        loads += 1;
        return loadUnitConverter();
      },
      observations: [
        observation('a', { effectiveDateTime: '2020-01-01', valueQuantity: quantity(1.1, 'mg/dL') }),
        observation('b', { effectiveDateTime: '2020-02-01', valueQuantity: quantity(1.2, 'mg/dL') }),
      ],
    });
    expect(loads).to.equal(0);
  });

  it('converts to the most recent unit (creatinine mg/dL → µmol/L by molar mass) and says so', async () => {
    let loads = 0;
    const model = await buildLabTrend({
      code: 'http://loinc.org|2160-0',
      loadConverter: () => {
        loads += 1;
        return loadUnitConverter();
      },
      observations: [
        observation('old', {
          effectiveDateTime: '2020-01-01',
          valueQuantity: quantity(1, 'mg/dL'),
          referenceRange: [{ low: quantity(0.6, 'mg/dL'), high: quantity(1.2, 'mg/dL') }],
        }),
        observation('new', {
          code: { coding: [{ system: LOINC, code: '14682-9' }] },
          effectiveDateTime: '2021-01-01',
          valueQuantity: quantity(120, 'umol/L'),
          referenceRange: [{ low: quantity(53, 'umol/L'), high: quantity(106, 'umol/L') }],
        }),
      ],
    });
    expect(loads).to.equal(1);
    expect(model.panels).to.have.length(1);
    const [series] = model.panels[0].series;
    expect(series.unit).to.equal('umol/L');
    // Rounded to the recorded precision (≥ 3 significant digits), so chart and table read 88.4.
    expect(series.points[0].value).to.equal(88.4);
    expect(series.points[0].original).to.deep.equal({ value: 1, unit: 'mg/dL' });
    expect(series.points[0]).to.include({ low: 53, high: 106 });
    expect(series.points[1].original).to.equal(undefined);
    expect(series.conversions).to.deep.equal([{ from: 'mg/dL', count: 1, molarMass: 113.12, analyte: 'creatinine' }]);
  });

  it('splits a series whose units cannot be converted (HbA1c % and mmol/mol) into separate panels', async () => {
    const hba1c = { coding: [{ system: LOINC, code: '4548-4' }] };
    const model = await buildLabTrend({
      code: 'http://loinc.org|4548-4',
      observations: [
        observation('p', { code: hba1c, effectiveDateTime: '2020-01-01', valueQuantity: quantity(7.1, '%') }),
        observation('m', { code: hba1c, effectiveDateTime: '2021-01-01', valueQuantity: quantity(54, 'mmol/mol') }),
      ],
    });
    expect(model.panels.map((p) => p.unit)).to.deep.equal(['mmol/mol', '%']);
    expect(model.unitSplits).to.deep.equal([{ measure: 'result', units: ['mmol/mol', '%'] }]);
    expect(model.panels[1].series[0].points[0].value).to.equal(7.1); // never rescaled
  });

  it('splits mass and molar units when no molar mass is known', async () => {
    const code = { coding: [{ system: LOINC, code: '9999-9' }] };
    const model = await buildLabTrend({
      code: 'http://loinc.org|9999-9',
      observations: [
        observation('a', { code, effectiveDateTime: '2020-01-01', valueQuantity: quantity(1, 'mg/dL') }),
        observation('b', { code, effectiveDateTime: '2021-01-01', valueQuantity: quantity(100, 'umol/L') }),
      ],
    });
    expect(model.panels).to.have.length(2);
  });

  it('survives malformed resources', async () => {
    const model = await buildLabTrend({
      code: 'http://loinc.org|2160-0',
      observations: [
        null as unknown as AnyResource,
        observation('a', { effectiveDateTime: 'not a date', valueQuantity: { value: 'abc' } }),
        observation('b', { effectiveDateTime: '2020-01-01', valueQuantity: quantity(1, 'mg/dL'), referenceRange: 'x', interpretation: 5, component: 'y' }),
        { resourceType: 'Observation', id: 'c', code: { coding: [{ system: LOINC, code: '2160-0' }] } },
      ],
    });
    expect(model.pointCount).to.equal(1);
    expect(model.textResults.map((r) => r.id).sort()).to.deep.equal(['a', 'c']);
  });
});

describe('range and gaps', () => {
  it('counts 1y and 5y back from the newest result', () => {
    const newest = Date.UTC(2020, 5, 15);
    expect(rangeStart('1y', newest)).to.equal(Date.UTC(2019, 5, 15));
    expect(rangeStart('5y', newest)).to.equal(Date.UTC(2015, 5, 15));
    expect(rangeStart('all', newest)).to.equal(-Infinity);
  });

  it('breaks the line at a gap much longer than the usual interval', () => {
    const day = 86_400_000;
    const points = [0, 30, 60, 90, 120, 500, 530].map((d) => ({ time: d * day }) as LabPoint);
    const threshold = gapThreshold(points);
    expect(threshold).to.equal(150 * day);
    expect(points[5].time - points[4].time).to.be.above(threshold);
  });
});
