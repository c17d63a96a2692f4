import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import id from './id.json';
import en from './en.json';

type Tree = { [k: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const ID = flatten(id as Tree);
const EN = flatten(en as Tree);

function hasKey(cat: Map<string, string>, key: string): boolean {
  return cat.has(key) || cat.has(`${key}_other`);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx)$/.test(f) && !/\.test\./.test(f) ? [p] : [];
  });
}

describe('i18n catalogs', () => {
  it('have the same keys in Bahasa Indonesia and English', () => {
    const missingInEn = [...ID.keys()].filter((k) => !EN.has(k));
    const missingInId = [...EN.keys()].filter((k) => !ID.has(k));
    expect(missingInEn, 'keys missing in en.json').toEqual([]);
    expect(missingInId, 'keys missing in id.json').toEqual([]);
  });

  it('have no key twice in one object (JSON keeps only the last one, silently)', () => {
    for (const name of ['id.json', 'en.json']) {
      const dups: string[] = [];
      // JSON.parse cannot see duplicates: walk the text, each string whole (values hold braces).
      const stack: Set<string>[] = [];
      const text = readFileSync(join(__dirname, name), 'utf8');
      for (const m of text.matchAll(/("(?:[^"\\]|\\.)*")(\s*:)?|[{}]/g)) {
        if (m[0] === '{') stack.push(new Set());
        else if (m[0] === '}') stack.pop();
        else if (m[2]) {
          const top = stack[stack.length - 1]!;
          if (top.has(m[1]!)) dups.push(m[1]!);
          top.add(m[1]!);
        }
      }
      expect(dups, `duplicate keys in ${name}`).toEqual([]);
    }
  });

  it('have no empty strings and the same {{placeholders}} in both languages', () => {
    const ph = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [k, v] of ID) {
      expect(v.trim(), `id ${k}`).not.toBe('');
      expect(EN.get(k)!.trim(), `en ${k}`).not.toBe('');
      expect(ph(EN.get(k)!), `placeholders of ${k}`).toEqual(ph(v));
    }
  });

  it('hold every literal key the code asks for, in both languages', () => {
    const root = join(__dirname, '..');
    const used = new Set<string>();
    for (const file of sourceFiles(root)) {
      const src = readFileSync(file, 'utf8');
      for (const m of src.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) used.add(m[1]!);
      for (const m of src.matchAll(/\bkey:\s*'([a-z]+\.[a-zA-Z0-9_.]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(100);
    const missing = [...used].filter((k) => !hasKey(ID, k) || !hasKey(EN, k));
    expect(missing, 'keys used in the code but missing from a catalog').toEqual([]);
  });

  it('hold every key of the code lists the API sends (channels, roles, statuses, consent scopes)', () => {
    const lists: Record<string, string[]> = {
      channel: ['walk_in', 'phone', 'hotline', 'whatsapp', 'letter', 'online_form', 'outreach', 'referral_in'],
      relation: ['self', 'parent', 'family', 'neighbour', 'teacher', 'agency', 'other'],
      status: ['open', 'in_progress', 'closed'],
      role: ['intake_officer', 'admin_officer', 'case_worker', 'case_manager', 'section_head', 'unit_head', 'department_head', 'psychologist', 'mediator', 'lawyer', 'social_worker', 'admin'],
      consentScope: ['services', 'referral', 'data_sharing', 'outreach', 'mediation', 'termination'],
      triage: ['continue_here', 'hand_to_patbm', 'hand_to_social_services', 'hand_to_province_or_ministry', 'emergency_outreach', 'information_only'],
    };
    const missing: string[] = [];
    for (const [prefix, ids] of Object.entries(lists))
      for (const v of ids) for (const [name, cat] of [['id', ID], ['en', EN]] as const) if (!hasKey(cat, `${prefix}.${v}`)) missing.push(`${name}: ${prefix}.${v}`);
    expect(missing).toEqual([]);
  });
});
