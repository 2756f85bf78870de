/**
 * Finding a service by asking: reads the request (understanding/services.ts), searches the directory
 * index by need, age and area, using the age group intake already knows, and builds the neutral
 * 'services' reply. When nothing fits it says so and gives the Local Offer site and the helpline; it
 * never pads the list with a service that does not fit.
 */
import type { Audience, Service, Stage } from '../content/schema.js';
import type { ContentStore } from '../content/store.js';
import { ServiceIndex } from '../content/services/index.js';
import type { Profile } from '../flows/types.js';
import type { Composer } from './compose.js';
import type { Reply, ServiceEntry } from './reply.js';
import { readServiceRequest, type ServiceRequest } from './understanding/services.js';

/** The Code's age groups, as ages in years, for when intake knows the group but not the age. */
const STAGE_AGES: Record<Stage, { min: number; max: number }> = {
  'early-years': { min: 0, max: 4 },
  school: { min: 5, max: 16 },
  'post-16': { min: 16, max: 25 },
};

/** How many services a reply shows: enough to choose from, few enough for a phone or a text. */
export const SERVICES_SHOWN = 3;

const firstSentence = (text: string) => /^.*?[.!?](?=\s|$)/.exec(text)?.[0] ?? text;

export class ServiceFinder {
  private readonly index: ServiceIndex;

  constructor(
    content: ContentStore,
    private readonly compose: Composer,
  ) {
    this.index = new ServiceIndex(content.services);
  }

  /** A service request in the text, or null. `expectingOne`: the step has just asked what service is wanted. */
  read(text: string, expectingOne: boolean): ServiceRequest | null {
    return readServiceRequest(text, this.index.areaNames, { expectingOne });
  }

  find(request: ServiceRequest, profile: Profile): Service[] {
    const ageRange = profile.stage ? STAGE_AGES[profile.stage] : undefined;
    return this.index
      .find({
        words: request.words,
        needs: request.needs,
        ...(request.age !== undefined ? { age: request.age } : {}),
        ...(ageRange ? { ageRange } : {}),
        ...(request.area ? { area: request.area } : {}),
        limit: SERVICES_SHOWN,
      })
      .map((f) => f.service);
  }

  reply(request: ServiceRequest, profile: Profile, audience: Audience): Reply {
    const found = this.find(request, profile);
    if (found.length === 0) return { kind: 'info', paragraphs: [this.compose.message('services.none', audience)] };
    const paragraphs = [this.compose.message('services.found', audience)];
    const listedArea = request.area && this.index.areaNames.some((a) => a.toLowerCase() === request.area!.toLowerCase());
    if (request.area && !listedArea) paragraphs.push(this.compose.message('services.other-area', audience, { area: request.area }));
    const labels = {
      for: this.compose.message('services.label-for', audience),
      cost: this.compose.message('services.label-cost', audience),
      contact: this.compose.message('services.label-contact', audience),
    };
    return { kind: 'services', paragraphs, services: { labels, entries: found.map((s) => this.entry(s, audience)) } };
  }

  private entry(service: Service, audience: Audience): ServiceEntry {
    const ages =
      service.minAge !== undefined || service.maxAge !== undefined
        ? this.compose.message('services.ages', audience, { min: String(service.minAge ?? 0), max: String(service.maxAge ?? 25) })
        : '';
    const forWhom = [ages, service.needs.length ? service.needs.join(', ') + '.' : ''].filter(Boolean).join(' ');
    return {
      name: service.name,
      offer: firstSentence(service.description),
      ...(forWhom ? { forWhom } : {}),
      ...(service.cost ? { cost: service.cost } : {}),
      ...(service.phone || service.email ? { contact: service.phone ?? service.email } : {}),
      ...(service.url ? { url: service.url } : {}),
    };
  }
}
