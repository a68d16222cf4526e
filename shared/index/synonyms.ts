/**
 * The reviewed T1D / medical synonym set, applied at search time only (synonym_graph), so editing
 * it never requires a reindex of the documents — only the search analyzer's settings change,
 * which the mapping hash still picks up so every generation carries the same list.
 *
 * Solr format: comma-separated equivalents. Keep entries lower-case; the rules are analyzed with
 * the tokenizer and the filters before the synonym filter (lowercase, asciifolding).
 * Review rule: add a line only when both sides mean the same thing to a reader; related-but-
 * different concepts (e.g. "insulin pump" vs "closed loop") do not belong here.
 */
export const medicalSynonyms: readonly string[] = [
  't1d, type 1 diabetes, type one diabetes, iddm, insulin dependent diabetes, juvenile diabetes, juvenile onset diabetes',
  't2d, type 2 diabetes, type two diabetes',
  'cgm, continuous glucose monitor, continuous glucose monitoring',
  'beta cell, beta cells, β cell, β cells, islet cell, islet cells',
  'hba1c, a1c, glycated hemoglobin, glycated haemoglobin, haemoglobin a1c, hemoglobin a1c',
  'hypoglycemia, hypoglycaemia, low blood sugar, hypo',
  'hyperglycemia, hyperglycaemia, high blood sugar',
  'dka, diabetic ketoacidosis, ketoacidosis',
  'aid, automated insulin delivery, closed loop, artificial pancreas, hybrid closed loop',
  'csii, insulin pump, insulin pumps, continuous subcutaneous insulin infusion',
  'mdi, multiple daily injections',
  'tir, time in range',
  'rct, randomized controlled trial, randomised controlled trial',
  'gad, gada, gad65 antibodies, glutamic acid decarboxylase',
  'ia2, ia-2, insulinoma antigen 2',
  'znt8, zinc transporter 8',
  'hla, human leukocyte antigen',
  'ckd, chronic kidney disease, diabetic kidney disease, diabetic nephropathy, nephropathy',
  'retinopathy, diabetic retinopathy, diabetic eye disease',
  'neuropathy, diabetic neuropathy, nerve damage',
  'cvd, cardiovascular disease, heart disease',
  'microbiome, microbiota, gut bacteria, gut flora',
  'stem cell, stem cells, stem-cell',
  'islet transplant, islet transplantation, islet transplants',
];
