#!/usr/bin/env python3
"""Prints the layout of src/ as a Markdown table: each folder's files (a header with its .cpp
as one row), their lines, and the first sentence of the comment that opens them (what the
file holds). docs/layout.md is its output: `scripts/layout.py > docs/layout.md`.
"""
import os, re, glob
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'src')
rows = []
for d in sorted(os.listdir(root)):
    p = os.path.join(root, d)
    if not os.path.isdir(p): continue
    files = sorted(glob.glob(p + '/**/*.h', recursive=True) + glob.glob(p + '/**/*.cpp', recursive=True) + glob.glob(p + '/**/*.inc', recursive=True))
    stems = {}
    for f in files:
        stem = os.path.splitext(f)[0]
        stems.setdefault(stem, []).append(f)
    for stem, fs in stems.items():
        fs.sort(key=lambda f: 0 if f.endswith('.h') else 1)
        desc = ''
        for f in fs:
            lines = open(f).read().split('\n')
            com = []
            for l in lines:
                if l.startswith('//'): com.append(l[2:].strip())
                elif com: break
                elif l.startswith('#include') or l.strip()=='' : continue
                else: break
            if com:
                desc = ' '.join(com)
                break
        # first sentence
        m = re.match(r'(.+?\.)(\s|$)', desc)
        desc = m.group(1) if m else desc
        if len(desc) > 120: desc = desc[:117].rsplit(' ',1)[0] + ' …'
        names = ', '.join(os.path.basename(f) for f in fs)
        n = sum(len(open(f).read().split('\n')) - 1 for f in fs)
        sub = os.path.dirname(os.path.relpath(stem, p)); rows.append((d + ('/' + sub if sub else ''), stem, names, n, desc))
print('# The layout of src/\n\nWritten by `scripts/layout.py` (the first sentence of each file\'s opening comment);\nthe layers and what each may include are in `../shared/DESIGN.md` §2 and `docs/testing.md`.\n')
print('| folder | files | lines | what |')
print('|---|---|---:|---|')
for d, stem, names, n, desc in rows:
    print(f'| {d}/ | {names} | {n} | {desc} |')
