/**
 * Reads an Open Referral UK (ORUK) service feed into the assistant's Service records.
 *
 * Feeds come from directory systems we do not control, so the reader is liberal in what it accepts:
 * ORUK v3 (HSDS 3 shapes: eligibility_description, attributes with taxonomy_term) and the older v1/v2
 * shapes (eligibilitys, service_taxonomys, physical_addresses), a bare array or a page
 * ({ content }, { contents } or { services }). A record it cannot use is reported and skipped; one bad
 * record never loses the rest of the directory.
 */
import { z } from 'zod';
import { Service, type ContentProblem } from '../schema.js';

export interface ImportResult {
  services: Service[];
  problems: ContentProblem[];
}

type Json = Record<string, unknown>;

/** Directory entries that are closed are left out quietly: they are not mistakes in the feed. */
const NOT_SHOWN_STATUSES = new Set(['inactive', 'defunct', 'temporarily closed']);

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim().replace(/\s+/g, ' ') : undefined);

const EMAIL = z.string().email();
const URL_ = z.string().url();

/** A UK phone number as directories write it: 10 or 11 digits from 0, or +44, with spaces, dashes or brackets. */
function isUkPhone(value: string): boolean {
  if (!/^[0-9 +()-]+$/.test(value)) return false;
  const digits = value.replace(/\D/g, '');
  if (value.trim().startsWith('+')) return digits.startsWith('44') && digits.length >= 11 && digits.length <= 13;
  return digits.startsWith('0') && (digits.length === 10 || digits.length === 11);
}

/** Finds the list of service records in whatever shape the feed came in. */
export function feedRecords(feed: unknown): unknown[] | undefined {
  if (Array.isArray(feed)) return feed as unknown[];
  if (!isObject(feed)) return undefined;
  for (const key of ['content', 'contents', 'services', 'items']) {
    if (Array.isArray(feed[key])) return feed[key] as unknown[];
  }
  return undefined;
}

class RecordReader {
  readonly problems: ContentProblem[] = [];

  constructor(
    private readonly file: string,
    readonly id: string,
  ) {}

  fail(field: string, message: string): void {
    this.problems.push({ severity: 'error', file: this.file, id: this.id, field, message });
  }

  /** A whole age in years, or a problem. ORUK allows decimals, which our search cannot use honestly. */
  age(raw: unknown, field: string): number | undefined {
    if (raw === undefined || raw === null || raw === '') return undefined;
    const value = typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : raw;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 120) {
      this.fail(field, `must be a whole number of years from 0 to 120, not ${JSON.stringify(raw)}`);
      return undefined;
    }
    return value;
  }
}

function organisationName(record: Json): string | undefined {
  const org = record.organization ?? record.organisation;
  return isObject(org) ? text(org.name) : text(org);
}

function eligibilityOf(record: Json): { description?: string; min?: unknown; max?: unknown } {
  const legacy = asArray(record.eligibilitys ?? record.eligibility).filter(isObject);
  const described =
    text(record.eligibility_description) ??
    (legacy
      .map((e) => text(e.eligibility))
      .filter(Boolean)
      .join('; ') ||
      undefined);
  const first = legacy[0];
  return {
    description: described ?? (typeof record.eligibility === 'string' ? text(record.eligibility) : undefined),
    min: record.minimum_age ?? first?.minimum_age,
    max: record.maximum_age ?? first?.maximum_age,
  };
}

function needsOf(record: Json): string[] {
  const names = [
    ...asArray(record.attributes)
      .filter(isObject)
      .map((a) => (isObject(a.taxonomy_term) ? (text(a.taxonomy_term.name) ?? text(a.taxonomy_term.term)) : undefined)),
    ...asArray(record.service_taxonomys)
      .filter(isObject)
      .map((t) => (isObject(t.taxonomy) ? text(t.taxonomy.name) : undefined)),
    ...asArray(record.taxonomy_terms)
      .filter(isObject)
      .map((t) => text(t.name) ?? text(t.term)),
  ].filter((n): n is string => Boolean(n));
  const seen = new Set<string>();
  return names.filter((n) => (seen.has(n.toLowerCase()) ? false : (seen.add(n.toLowerCase()), true)));
}

function money(amount: number, currency: string | undefined): string {
  const symbol = !currency || currency.toUpperCase() === 'GBP' ? '£' : `${currency.toUpperCase()} `;
  return `${symbol}${Number.isInteger(amount) ? amount : amount.toFixed(2)}`;
}

function costOf(record: Json): string | undefined {
  const options = asArray(record.cost_options)
    .filter(isObject)
    .map((c) => {
      const described = text(c.amount_description);
      const option = text(c.option);
      const amount = typeof c.amount === 'number' ? c.amount : undefined;
      if (amount === 0) return described ?? (option && !/^free$/i.test(option) ? `Free (${option})` : 'Free');
      if (amount !== undefined) return [money(amount, text(c.currency)), option].filter(Boolean).join(' ') + (described ? `. ${described}` : '');
      return described ?? option;
    })
    .filter((c): c is string => Boolean(c));
  if (options.length) return options.join('; ');
  return text(record.fees_description) ?? text(record.fees);
}

function phonesIn(value: unknown): string[] {
  return asArray(value)
    .filter(isObject)
    .map((p) => text(p.number))
    .filter((n): n is string => Boolean(n));
}

function contactsOf(record: Json): Json[] {
  return asArray(record.contacts).filter(isObject);
}

function locationsOf(record: Json): Json[] {
  return asArray(record.service_at_locations)
    .filter(isObject)
    .map((sal) => (isObject(sal.location) ? sal.location : sal))
    .concat(asArray(record.locations).filter(isObject));
}

function addressText(location: Json): string | undefined {
  const address = [location.address, location.addresses, location.physical_addresses]
    .flatMap((a): unknown[] => (Array.isArray(a) ? (a as unknown[]) : isObject(a) ? [a] : []))
    .filter(isObject)[0];
  const parts = [
    text(location.name),
    ...(address ? [text(address.address_1), text(address.address_2), text(address.city), text(address.postal_code)] : []),
  ].filter((p): p is string => Boolean(p));
  const unique = parts.filter((p, i) => parts.indexOf(p) === i);
  return unique.length ? unique.join(', ') : undefined;
}

function areasOf(record: Json): string[] {
  return asArray(record.service_areas)
    .map((a) => (isObject(a) ? (text(a.name) ?? text(a.service_area) ?? text(a.description)) : text(a)))
    .filter((a): a is string => Boolean(a));
}

/** Maps one ORUK record. Returns the service, or undefined with the reasons in reader.problems. */
function mapRecord(record: Json, reader: RecordReader): Service | undefined {
  const name = text(record.name);
  const description = text(record.description);
  const organisation = organisationName(record);
  if (!name) reader.fail('name', 'is missing: every service needs a name');
  if (!description) reader.fail('description', 'is missing: every service needs a description');
  if (!organisation) reader.fail('organization.name', 'is missing: say which organisation runs the service');

  const eligibility = eligibilityOf(record);
  const minAge = reader.age(eligibility.min, 'minimum_age');
  const maxAge = reader.age(eligibility.max, 'maximum_age');
  if (minAge !== undefined && maxAge !== undefined && minAge > maxAge) {
    reader.fail('minimum_age', `is ${minAge}, which is more than maximum_age ${maxAge}`);
  }

  const org = isObject(record.organization) ? record.organization : isObject(record.organisation) ? record.organisation : {};
  const contacts = contactsOf(record);
  const locations = locationsOf(record);

  const phone = [
    ...phonesIn(record.phones),
    ...contacts.flatMap((c) => phonesIn(c.phones)),
    ...locations.flatMap((l) => phonesIn(l.phones)),
    ...phonesIn(org.phones),
  ][0];
  if (phone !== undefined && !isUkPhone(phone)) reader.fail('phones.number', `"${phone}" is not a UK phone number`);

  const email = text(record.email) ?? contacts.map((c) => text(c.email)).find(Boolean) ?? text(org.email);
  if (email !== undefined && !EMAIL.safeParse(email).success) reader.fail('email', `"${email}" is not an email address`);

  const url = text(record.url) ?? text(org.url) ?? text(org.website);
  if (url !== undefined && (!URL_.safeParse(url).success || !/^https?:\/\//i.test(url)))
    reader.fail('url', `"${url}" is not a web address starting http:// or https://`);

  if (reader.problems.length) return undefined;

  const candidate = {
    id: reader.id,
    name,
    organisation,
    description,
    eligibility: eligibility.description,
    minAge,
    maxAge,
    needs: needsOf(record),
    cost: costOf(record),
    phone,
    email,
    url,
    areas: areasOf(record),
    location: locations.map(addressText).find(Boolean),
  };
  const parsed = Service.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) reader.fail(issue.path.join('.') || '-', issue.message);
    return undefined;
  }
  return parsed.data;
}

export function importOpenReferralFeed(feed: unknown, fileLabel: string): ImportResult {
  const problems: ContentProblem[] = [];
  const services: Service[] = [];
  const records = feedRecords(feed);
  if (!records) {
    problems.push({
      severity: 'error',
      file: fileLabel,
      id: '-',
      field: '-',
      message: 'is not an Open Referral UK feed: expected a list of services, or a page with "content" or "services"',
    });
    return { services, problems };
  }

  const seen = new Set<string>();
  records.forEach((raw, index) => {
    const rawId = isObject(raw) ? raw.id : undefined;
    const id = typeof rawId === 'string' && rawId.trim() ? rawId.trim() : typeof rawId === 'number' ? String(rawId) : `#${index + 1}`;
    const reader = new RecordReader(fileLabel, id);
    if (!isObject(raw)) {
      reader.fail('-', 'is not a service record (expected an object with id, name and description)');
      problems.push(...reader.problems);
      return;
    }
    if (id.startsWith('#')) reader.fail('id', 'is missing: every service needs a stable id');
    else if (seen.has(id)) reader.fail('id', 'is used by an earlier service in this feed; this one was skipped');

    const status = text(raw.status)?.toLowerCase();
    if (status && NOT_SHOWN_STATUSES.has(status)) {
      problems.push({ severity: 'warning', file: fileLabel, id, field: 'status', message: `is "${status}", so the service is not shown` });
      return;
    }

    const service = mapRecord(raw, reader);
    problems.push(...reader.problems);
    if (!service) return;
    seen.add(id);
    services.push(service);
  });
  return { services, problems };
}
