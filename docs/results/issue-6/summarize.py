# Summarises the records queue.sh writes; run inside results/.
import json, statistics as st, sys, os
def load(f):
    rs = [json.loads(l) for l in open(f) if l.strip()] if os.path.exists(f) else []
    seen, out = set(), []
    for r in rs:  # a run repeated by a restarted queue gives an identical record: keep one
        key = (r['spec_hash'], r['seed'])
        if key not in seen:
            seen.add(key); out.append(r)
    return out
def label(r):
    g = r['generator']
    if g == 'dct':
        g += ' k=' + r['spec']['generator_options']['coefficients']
    return g
def med(v): return st.median(v) if v else float('nan')
print('## double-pole-nv, cosyne')
for f in ['dpnv-dct-cosyne.jsonl', 'dpnv-direct-cosyne.jsonl']:
    rs = load(f)
    if not rs: continue
    solved = [r for r in rs if r['solved']]
    ev = [r['evaluations'] for r in solved]
    gen = [r['metrics'].get('generalization', float('nan')) for r in solved]
    print(f"{f}: runs {len(rs)} solved {len(solved)}; evals to solve median {med(ev)} mean {st.mean(ev) if ev else float('nan'):.0f} min {min(ev) if ev else '-'} max {max(ev) if ev else '-'}; generalization median {med(gen)} (|θ| {rs[0]['theta_count']}, parts {rs[0]['theta_parts']})")
    print('   per seed:', [(r['seed'], r['evaluations'], r['solved']) for r in rs])
print('## boxes, cmaes')
rs = load('boxes-cmaes.jsonl')
groups = {}
for r in rs: groups.setdefault(label(r), []).append(r)
for g, v in groups.items():
    hit = [r['metrics']['hit_rate'] for r in v]
    test = [r['metrics'].get('test_hit_rate', float('nan')) for r in v]
    reach = []
    for r in v:
        e = next((p['evaluations'] for p in r['curve'] if p['metrics'].get('hit_rate', 0) >= 0.5), None)
        reach.append(e)
    got = [e for e in reach if e is not None]
    print(f"{g}: |θ| {v[0]['theta_count']} seeds {len(v)} final hit_rate median {med(hit):.3f} (all {[round(h,3) for h in hit]}) test_hit_rate median {med(test):.3f}; evals to hit 0.5: {reach} -> reached {len(got)}/{len(v)} median {med(got)}; wall median {med([r['wall_seconds'] for r in v]):.0f}s")
print('## boxes, adam')
for AF in ['boxes-adam.jsonl', 'boxes-adam-lr01.jsonl']:
  print(AF)
  rs = load(AF)
  groups = {}
  for r in rs: groups.setdefault(label(r), []).append(r)
  marks = [10, 25, 50, 100, 250, 500, 1000]
  for g, v in groups.items():
      rows = []
      for r in v:
          row = []
          for m in marks:
              pts = [p for p in r['curve'] if p['steps'] <= m]
              row.append(round(pts[-1]['metrics'].get('hit_rate', float('nan')), 3) if pts else None)
          rows.append(row)
      print(f"{g}: |θ| {v[0]['theta_count']} seeds {[r['seed'] for r in v]} hit_rate at steps {marks}: {rows}; final {[round(r['metrics']['hit_rate'],3) for r in v]} test {[round(r['metrics'].get('test_hit_rate',float('nan')),3) for r in v]}")
