#!/usr/bin/env python3
"""Add keys to both catalogs at once: add-keys.py KEY 'id text' 'en text' ... (dev helper)."""
import json, sys
args = sys.argv[1:]
assert len(args) % 3 == 0, 'KEY ID EN triples'
for lang, idx in (('id', 1), ('en', 2)):
    path = f'src/i18n/{lang}.json'
    cat = json.load(open(path))
    for i in range(0, len(args), 3):
        d = cat
        parts = args[i].split('.')
        for p in parts[:-1]:
            d = d.setdefault(p, {})
        d[parts[-1]] = args[i + idx]
    json.dump(cat, open(path, 'w'), ensure_ascii=False, indent=1, sort_keys=True)
