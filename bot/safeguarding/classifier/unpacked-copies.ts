/**
 * Writes the float32 copies of the safeguarding model's int8 weights beside them (unpacked.ts), for
 * scripts/build-assets.js to call on the compiled model folder in dist/.
 */
import { writeUnpackedModel } from './artefact.js';
import { writeUnpackedNowModel } from './now.js';

export function writeUnpackedCopies(): void {
  writeUnpackedModel();
  writeUnpackedNowModel();
}
