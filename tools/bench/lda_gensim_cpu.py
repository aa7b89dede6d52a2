#!/usr/bin/python3
"""Times gensim 4.2 LdaModel exactly as /work/shared/bench/peer_lda.py trains it, reporting CPU time as well as
wall time (the machine is shared: CPU seconds are robust to other load). Run with OPENBLAS_NUM_THREADS=1 for
gensim's fastest configuration here (its BLAS threads only spin on these matrix-vector products).

  OPENBLAS_NUM_THREADS=1 lda_gensim_cpu.py --train T.mm --heldout H.mm --topics K [--passes 5 --chunksize 2000 --iterations 50 --seed 1]
"""
import argparse, json, time
from gensim.corpora import MmCorpus
from gensim.models import LdaModel

p = argparse.ArgumentParser()
p.add_argument('--train', required=True); p.add_argument('--heldout', required=True); p.add_argument('--topics', type=int, required=True)
p.add_argument('--passes', type=int, default=1); p.add_argument('--chunksize', type=int, default=2000)
p.add_argument('--iterations', type=int, default=50); p.add_argument('--seed', type=int, default=1)
a = p.parse_args()
train, held = list(MmCorpus(a.train)), list(MmCorpus(a.heldout))
V = 1 + max(i for d in train + held for i, _ in d)
wall, cpu = time.time(), time.process_time()
LdaModel(train, id2word={i: str(i) for i in range(V)}, num_topics=a.topics, passes=a.passes, chunksize=a.chunksize,
         iterations=a.iterations, random_state=a.seed, eval_every=None)
wall, cpu = time.time() - wall, time.process_time() - cpu
print(json.dumps({'impl': 'gensim-1-blas-thread', 'train_seconds': round(wall, 3), 'train_cpu_seconds': round(cpu, 3),
                  'docs_per_second': round(a.passes * len(train) / wall, 1), 'docs_per_cpu_second': round(a.passes * len(train) / cpu, 1)}))
