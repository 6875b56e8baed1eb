# Fills the tables of an issue-6 template from the records in the current directory:
#   python3 fill.py OUT.md TEMPLATE.md
import json, statistics as st, os, sys
sys.path.insert(0, '.')
exec(open('summarize.py').read().split("print('## double-pole-nv")[0])  # load(), label(), med()
def fmt(x): return 'n/a' if x is None else (f'{x:.3f}' if isinstance(x, float) else str(x))
out = {}
# CMA
rs = load('boxes-cmaes.jsonl'); groups = {}
for r in rs: groups.setdefault(label(r), []).append(r)
t = ['| encoding | θ size | seeds | final hit rate, median (per seed) | test hit rate, median | evaluations to hit rate 0.5 |', '|---|---|---|---|---|---|']
for g, v in groups.items():
    hit = [r['metrics']['hit_rate'] for r in v]
    test = [r['metrics'].get('test_hit_rate') for r in v]
    reach = [next((p['evaluations'] for p in r['curve'] if p['metrics'].get('hit_rate', 0) >= 0.5), None) for r in v]
    got = [e for e in reach if e is not None]
    t.append(f"| {g} | {v[0]['theta_count']:,} | {', '.join(str(r['seed']) for r in v)} | {med(hit):.3f} ({', '.join(f'{h:.3f}' for h in hit)}) | {med(test):.3f} | " + (f"median {med(got):,.0f} ({len(got)}/{len(v)} reached)" if got else f"not reached (0/{len(v)})") + " |")
out['SEEDS_CMA'] = '\n'.join(t)
# Adam
marks = [10, 25, 50, 100, 250, 500, 1000]
parts = []
for f, title in [('boxes-adam.jsonl', 'Default learning rate (`adam.lr = 0.001`)'), ('boxes-adam-lr01.jsonl', 'Learning rate 0.01 (`-o adam.lr=0.01`, all arms)')]:
    rs = load(f); groups = {}
    for r in rs: groups.setdefault(label(r), []).append(r)
    t = [title + ':', '', '| encoding | θ size | seed | ' + ' | '.join(f'step {m}' for m in marks) + ' | final test hit rate |', '|---|---|---|' + '---|' * len(marks) + '---|']
    for g, v in groups.items():
        for r in v:
            row = []
            for m in marks:
                pts = [p for p in r['curve'] if p['steps'] <= m]
                row.append(f"{pts[-1]['metrics'].get('hit_rate'):.3f}" if pts else '–')
            t.append(f"| {g} | {r['theta_count']:,} | {r['seed']} | " + ' | '.join(row) + f" | {r['metrics'].get('test_hit_rate'):.3f} |")
    parts.append('\n'.join(t))
out['ADAM'] = '\n\n'.join(parts)
# DPNV
t = ['| encoding | runs | solved (≤ 20,000) | evaluations to solve: median | mean | min–max | generalisation of solutions (median, /625) |', '|---|---|---|---|---|---|---|']
per = []
for f in ['dpnv-dct-cosyne.jsonl', 'dpnv-direct-cosyne.jsonl']:
    rs = load(f)
    if not rs: continue
    solved = [r for r in rs if r['solved']]
    ev = [r['evaluations'] for r in solved]
    gen = [r['metrics'].get('generalization') for r in solved]
    t.append(f"| {rs[0]['generator']} | {len(rs)} (seeds {min(r['seed'] for r in rs)}–{max(r['seed'] for r in rs)}) | {len(solved)} | {med(ev):,.0f} | {st.mean(ev):,.0f} | {min(ev):,}–{max(ev):,} | {med(gen):.0f} |")
    per.append(f"- {rs[0]['generator']}: " + ', '.join(f"{r['seed']}: {r['evaluations']:,}{'' if r['solved'] else ' (unsolved)'}" for r in rs))
t.append('| CoSyNE, published (Gomez et al. 2008) | | | | 3,416 | | |')
t.append('| CMA-ES, published (Igel 2003) | | | | 6,061 | | |')
out['DPNV'] = '\n'.join(t) + '\n\nEvaluations per seed:\n' + '\n'.join(per)
doc = open(sys.argv[2]).read()  # the template: SEEDS_CMA, ADAM, DPNV placeholders
for k, v in out.items(): doc = doc.replace(k, v)
open(sys.argv[1], 'w').write(doc)
