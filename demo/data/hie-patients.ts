// Which EMR patients the regional HIE knows, and under which ids: a module of its own (no data
// generator behind it), so the demo EMR page can look a patient up without loading the generator.

/** EMR patient id → the same person's id at the HIE. pat-infant is not known to the HIE. */
export const HIE_PATIENTS = {
  'pat-diabetes': 'hie-7301',
  'pat-ckd': 'hie-2264',
  'pat-child': 'hie-5518',
  'pat-elderly': 'hie-9046',
} as const;
export type HieKnownPatient = keyof typeof HIE_PATIENTS;
