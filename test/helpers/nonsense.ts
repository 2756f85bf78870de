/**
 * Nonsense words from a seeded generator (Park and Miller's minimal standard): the same text for the same
 * seed on every run, and no word in any vocabulary, for tests and benchmarks of the worst input.
 */
export function nonsense(chars: number, seed = 7): string {
  let s = seed;
  const next = () => (s = (s * 16807) % 2147483647) / 2147483647;
  let out = '';
  while (out.length < chars) {
    const len = 4 + Math.floor(next() * 12);
    let w = '';
    for (let i = 0; i < len; i++) w += String.fromCharCode(97 + Math.floor(next() * 26));
    out += `${w} `;
  }
  return out;
}
