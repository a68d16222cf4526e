/**
 * The alias family of one logical index. Readers use `read`; the stream indexer writes to every
 * index behind `write` and `building` (the generation a full reindex is filling), because an alias
 * over several indices accepts writes on only one of them.
 */
export interface IndexNames {
  read: string;
  write: string;
  building: string;
  template: string;
  /** Pattern matching every generation of this family. */
  generationPattern: string;
}

export function indexNames(alias: string): IndexNames {
  return {
    read: alias,
    write: `${alias}-write`,
    building: `${alias}-building`,
    template: `${alias}-generations`,
    generationPattern: `${alias}-g*`,
  };
}

/** `articles-g20261125T143000123z-1a2b3c4d`: sortable by creation time, tagged with the mapping. */
export function generationName(alias: string, mappingHash: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:.]/g, '').toLowerCase();
  return `${alias}-g${stamp}-${mappingHash}`;
}
