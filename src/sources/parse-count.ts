/**
 * Which YAML files a run parsed and which came from the facts cache, for `--verbose` ("parsed 0 of 3 YAML files
 * (3 from cache)"): a warm run that parses nothing never loads the YAML parser. A file read twice (a patch file
 * is a manifest too) counts once, as parsed when either read parsed it.
 */
export class ParseCount {
  private readonly parsed = new Set<string>();
  private readonly cached = new Set<string>();

  record(file: string, fromCache: boolean): void {
    (fromCache ? this.cached : this.parsed).add(file);
  }

  get parsedFiles(): number {
    return this.parsed.size;
  }

  describe(): string {
    const cached = [...this.cached].filter((file) => !this.parsed.has(file)).length;
    return `parsed ${this.parsed.size} of ${this.parsed.size + cached} YAML files (${cached} from cache)`;
  }
}
