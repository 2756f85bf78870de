// natural declares types for its folders' index files only; these are the single files natural.ts imports.
declare module 'natural/lib/natural/tokenizers/regexp_tokenizer.js' {
  const tokenizers: { WordTokenizer: new () => { tokenize(text: string): string[] } };
  export default tokenizers;
}
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const PorterStemmer: { stem(word: string): string };
  export default PorterStemmer;
}
declare module 'natural/lib/natural/distance/levenshtein_distance.js' {
  const distances: { DamerauLevenshteinDistance(a: string, b: string, options?: { transposition_cost?: number }): number };
  export default distances;
}
declare module 'natural/lib/natural/tfidf/tfidf.js' {
  export default class TfIdf {
    constructor(deserialized?: { documents: Record<string, string | number>[] });
    documents: Record<string, string | number>[];
    addDocument(doc: string[] | string, key?: string): void;
    tfidfs(terms: string[] | string, callback?: (i: number, measure: number, key?: string) => void): number[];
  }
}
