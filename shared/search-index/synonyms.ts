/**
 * The reviewed T1D / medical synonym set. Solr format: comma-separated equivalents. Keep entries
 * lower-case; the rules are analyzed with the tokenizer and the filters before the synonym filter
 * (lowercase, asciifolding), not stemmed: list the word forms articles use (plural, UK and US
 * spellings). Hyphens split words before the rules apply (interleukin-2 is "interleukin 2").
 * Review rule: add a line only when both sides mean the same thing to a reader; related-but-
 * different concepts (e.g. "insulin pump" vs "closed loop") do not belong here.
 *
 * How they apply: see `synonymConceptRules`. Editing the list changes the mapping hash, and the
 * index is rebuilt with it (the nightly reindex, or `npm run reindex`).
 */
export const medicalSynonyms: readonly string[] = [
  't1d, t1dm, type 1 diabetes, type one diabetes, iddm, insulin dependent diabetes, juvenile diabetes, juvenile onset diabetes',
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
  // GAD, the enzyme, has two forms (GAD65, GAD67); only the autoantibodies are one thing
  'gad, glutamic acid decarboxylase',
  'gada, gad antibodies, gad autoantibodies, gad65 antibodies, gad65 autoantibodies',
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
  'il2, interleukin 2',
  'covid, covid19, coronavirus, sars cov 2',
  'lada, latent autoimmune diabetes in adults',
  // everyday words for the same thing
  'blood sugar, blood glucose',
  'blood sugars, blood glucose levels',
  'injection, injections, shot, shots',
  'exercise, exercising, sport, sports, physical activity, working out, workout, workouts',
  'burnout, burn out, diabetes distress',
  'keto, ketogenic, low carb, low carbohydrate',
  // UK and US spellings
  'coeliac, celiac',
  'paediatric, pediatric',
  'paediatrician, pediatrician',
  'haemoglobin, hemoglobin',
  'anaemia, anemia',
  'oedema, edema',
  'oestrogen, estrogen',
  'programme, program',
  'programmes, programs',
  'randomised, randomized',
  'randomise, randomize',
  'behaviour, behavior',
  'behavioural, behavioral',
  'tumour, tumor',
  'tumours, tumors',
  'fibre, fiber',
  'centre, center',
  'centres, centers',
  'oesophagus, esophagus',
  'diarrhoea, diarrhea',
  'foetal, fetal',
];

/**
 * The set as synonym_graph rules, used alike for articles and queries: every spelling keeps its
 * own words and gains one term for its line's concept (`t1d => t1d, synconcepta`). Articles
 * saying "T1D" and articles saying "type 1 diabetes" then share the concept term, so either
 * spelling finds both, and the concept's weight comes from how many articles mention it in any
 * spelling. Expanding a query into every spelling instead gave the rarest spelling ("juvenile
 * diabetes", "T1D") a rare word's weight in every query that said "type 1 diabetes", ranking the
 * few articles using it first; expanding articles into every spelling filled them with the
 * spellings' words (every T1D article gained "insulin" from "insulin dependent diabetes").
 */
export const synonymConceptRules: readonly string[] = medicalSynonyms.flatMap((line, i) =>
  line.split(',').map((spelling) => `${spelling.trim()} => ${spelling.trim()}, ${conceptTerm(i)}`),
);

/** A made-up word per line, letters only so no analysis step splits or stems it apart. */
function conceptTerm(line: number): string {
  let letters = '';
  for (let n = line; ; n = Math.floor(n / 26) - 1) {
    letters = String.fromCharCode(97 + (n % 26)) + letters;
    if (n < 26) break;
  }
  return `synconcept${letters}`;
}
