// text-readability ships no types; only the two scores the content check uses are declared.
declare module 'text-readability' {
  const readability: {
    fleschReadingEase(text: string): number;
    fleschKincaidGrade(text: string): number;
    lexiconCount(text: string, removePunctuation?: boolean): number;
    sentenceCount(text: string): number;
  };
  export default readability;
}
