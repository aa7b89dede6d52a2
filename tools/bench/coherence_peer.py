#!/usr/bin/env python3
"""Times gensim 4.2's CoherenceModel on the inputs exported by tools/bench/coherence-bench.ts.

Usage: /usr/bin/python3 tools/bench/coherence_peer.py --dir <folder with texts.jsonl and topics.json>
           [--measures c_v] [--topn 10 20] [--repeats 3]
Prints one JSON object: {"dictionary_seconds", "processes", "runs": [{measure, topn, seconds: [...], median, mean}]}.
Texts are loaded and the Dictionary is built outside the timed region; each timed run constructs a
CoherenceModel (gensim's defaults, processes=-1) and calls get_coherence_per_topic().
"""
import argparse
import json
import multiprocessing
import os
import statistics
import time

from gensim.corpora import Dictionary
from gensim.models.coherencemodel import CoherenceModel


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dir", required=True)
    parser.add_argument("--measures", nargs="+", default=["c_v"])
    parser.add_argument("--topn", nargs="+", type=int, default=[10, 20])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    with open(os.path.join(args.dir, "texts.jsonl"), encoding="utf8") as handle:
        texts = [json.loads(line) for line in handle if line.strip()]
    with open(os.path.join(args.dir, "topics.json"), encoding="utf8") as handle:
        topics = json.load(handle)

    started = time.perf_counter()
    dictionary = Dictionary(texts)
    dictionary_seconds = time.perf_counter() - started

    runs = []
    for measure in args.measures:
        for topn in args.topn:
            seconds = []
            per_topic = None
            for _ in range(args.repeats):
                started = time.perf_counter()
                model = CoherenceModel(topics=topics, texts=texts, dictionary=dictionary, coherence=measure, topn=topn)
                per_topic = [float(value) for value in model.get_coherence_per_topic()]
                seconds.append(time.perf_counter() - started)
            runs.append({
                "measure": measure,
                "topn": topn,
                "seconds": seconds,
                "median": statistics.median(seconds),
                "per_topic": per_topic,
                "mean": statistics.fmean(per_topic),
            })
    print(json.dumps({
        "dictionary_seconds": dictionary_seconds,
        "processes": max(1, multiprocessing.cpu_count() - 1),
        "texts": len(texts),
        "runs": runs,
    }))


if __name__ == "__main__":
    main()
