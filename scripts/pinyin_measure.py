# The held-out pinyin sets read by real kh binaries: builds an archive of their names (one
# 基本信息 each) and scores kh index's pinyin. usage: python3 scripts/pinyin_measure.py LABEL=KH_BINARY ...
import os, shutil, subprocess, sys, json
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
sets = [os.path.join(root, 'Tests/KHTestSupport/Fixtures/pinyin', f) for f in ('testset.tsv', 'testset-people.tsv')]
rows = []
for s in sets:
    for line in open(s, encoding='utf-8'):
        if line.startswith('#') or not line.strip(): continue
        c = line.rstrip('\n').split('\t')
        if len(c) == 4: rows.append((c, os.path.basename(s)))
arch = os.environ.get('KH_PINYIN_ARCHIVE', '/tmp/kh-pinyin-measure')
shutil.rmtree(arch, ignore_errors=True)
shutil.copytree(os.path.join(root, 'archive-template'), arch)
shutil.rmtree(os.path.join(arch, '客户档案')); os.makedirs(os.path.join(arch, '客户档案'))
byno = {}
for i, (c, src) in enumerate(rows):
    year = 2000 + i // 900; no = f'KH-{year}-{i % 900 + 1:03d}'
    d = os.path.join(arch, '客户档案', f'{no}_{i}', '01-客户基本信息'); os.makedirs(d)
    if c[1] == '个人':
        body = f'档案编号: {no}\n客户类型: 个人\n姓名: {c[0]}\n负责销售: 王磊\n客户阶段: 潜在\n'
    else:
        body = f'档案编号: {no}\n客户类型: 企业\n企业名称:\n  全称: {c[0]}\n负责销售: 王磊\n客户阶段: 潜在\n'
    open(os.path.join(d, '基本信息.yaml'), 'w', encoding='utf-8').write(body)
    byno[no] = (c, src)
for label, kh in [(a.split('=')[0], a.split('=')[1]) for a in sys.argv[1:]]:
    out = subprocess.run([kh, 'index', arch], capture_output=True, text=True)
    data = json.loads(out.stdout)
    recs = data['customers'] if isinstance(data, dict) else data
    stats = {}
    for r in recs:
        c, src = byno[r['number']]
        s = stats.setdefault(src, [0, 0, 0, 0])
        s[0] += 1; s[1] += r['pinyin']['initial'] == c[2]
        if c[3] != '-': s[3] += 1; s[2] += r['pinyin']['full'] == c[3]
    tot = [sum(v[i] for v in stats.values()) for i in range(4)]
    for src, s in list(stats.items()) + [('all', tot)]:
        print(f'{label:10} {src:20} first letter {s[1]}/{s[0]} ({100*s[1]/s[0]:.2f}%)  full pinyin {s[2]}/{s[3]} ({100*s[2]/s[3]:.2f}%)')
