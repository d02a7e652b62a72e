/** Builds a tagger that maps a free-text end use to the tags whose keywords it contains (whole words, any case). */
export function compileEndUseTagger(tags: Readonly<Record<string, readonly string[]>>): (text: string) => string[] {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const patterns = Object.entries(tags).map(([tag, words]) => ({
    tag,
    re: new RegExp(`(^|[^\\p{L}\\p{N}])(${words.map(escape).join('|')})(?=$|[^\\p{L}\\p{N}])`, 'iu'),
  }));
  return (text) => patterns.filter((p) => p.re.test(text)).map((p) => p.tag);
}
